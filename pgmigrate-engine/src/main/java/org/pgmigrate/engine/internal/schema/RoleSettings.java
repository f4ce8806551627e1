package org.pgmigrate.engine.internal.schema;

/** Reads {@code ALTER ROLE/DATABASE ... SET} settings from pg_db_role_setting, ready to replay. */
public final class RoleSettings {
    /**
     * Settings whose value is a list the server stores with each element quoted as an identifier
     * where needed ({@code GUC_LIST_QUOTE}): pg_dump's {@code variable_is_guc_list_quote}.
     */
    private static final String LIST_SETTINGS = "('search_path', 'temp_tablespaces', 'session_preload_libraries',"
            + " 'local_preload_libraries', 'shared_preload_libraries', 'unix_socket_directories')";

    /**
     * One element of such a list, as pg_dump's {@code SplitGUCList} reads it: a double-quoted name
     * (doubled quotes inside stand for one), or a bare word up to a comma or white space.
     */
    private static final String ELEMENT = "'[[:space:]]*(\"(?:[^\"]|\"\")*\"|[^,[:space:]]+)[[:space:]]*(?:,|$)'";

    private RoleSettings() {}

    /**
     * A query for the settings of pg_db_role_setting {@code s} rows matching {@code where}: the
     * setting's name, its value as a SQL literal (a list of literals for a list setting, each
     * element as it was given, so that the server stores the same value again) quoted by the
     * server, and the role name (NULL for a database-wide setting), ordered by role, then as they were set.
     */
    public static String query(String where) {
        String value = "substr(c, strpos(c, '=') + 1)";
        return "SELECT split_part(c, '=', 1),"
                + " CASE WHEN pg_catalog.lower(split_part(c, '=', 1)) IN " + LIST_SETTINGS
                + "  THEN COALESCE((SELECT pg_catalog.string_agg(pg_catalog.quote_literal(CASE WHEN m.e[1] LIKE '\"%'"
                + "         THEN pg_catalog.replace(substr(m.e[1], 2, length(m.e[1]) - 2), '\"\"', '\"') ELSE m.e[1] END), ', ' ORDER BY m.n)"
                + "        FROM pg_catalog.regexp_matches(" + value + ", " + ELEMENT + ", 'g') WITH ORDINALITY m(e, n)), '''''')"
                + "  ELSE pg_catalog.quote_literal(" + value + ") END,"
                + " CASE WHEN s.setrole <> 0 THEN pg_catalog.pg_get_userbyid(s.setrole) END"
                + " FROM pg_catalog.pg_db_role_setting s CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) WITH ORDINALITY u(c, n)"
                + " WHERE " + where
                + " ORDER BY 3 NULLS FIRST, u.n";
    }

    /** {@code SET name TO value} for a setting read by {@link #query}: each part of a dotted name quoted. */
    public static String setClause(String name, String valueSql) {
        return " SET " + String.join(".", java.util.Arrays.stream(name.split("\\."))
                .map(org.pgmigrate.engine.internal.jdbc.Sql::ident).toList()) + " TO " + valueSql;
    }
}
