package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Schemas and extensions (with the rows of their configuration tables). */
final class NamespaceReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    private final Map<String, Set<String>> targetExtensionVersions;

    NamespaceReader(Catalog catalog, TargetRoles roles, SourceSchema out, Map<String, Set<String>> targetExtensionVersions) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.targetExtensionVersions = targetExtensionVersions;
    }

    void read() throws SQLException {
        readSchemas();
        readExtensions();
    }

    private void readSchemas() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_namespace", "oid", "nspacl");
        catalog.query("SELECT n.oid, n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_namespace", "n.oid")
                + " ORDER BY n.nspname", rs -> {
                    long oid = rs.getLong(1);
                    String name = Sql.ident(rs.getString(2));
                    String owner = rs.getString(3);
                    Statements s = new Statements(roles);
                    String comment = catalog.comment(ObjectRef.PG_NAMESPACE, oid, 0);
                    if (rs.getString(2).equals("public")) {
                        // every new database has it; bring its comment, owner and ACL in line with the source
                        s.add("CREATE SCHEMA IF NOT EXISTS " + name);
                        s.add("COMMENT ON SCHEMA " + name + " IS " + (comment == null ? "NULL" : comment));
                    } else {
                        s.add("CREATE SCHEMA " + name);
                        s.comment("SCHEMA " + name, comment);
                    }
                    s.owner("SCHEMA " + name, owner);
                    s.privileges("SCHEMA " + name, owner, acls.get(oid));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_NAMESPACE, oid), "schema", name, s.toList()));
                });
    }

    private void readExtensions() throws SQLException {
        List<long[]> configTables = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        catalog.query("SELECT e.oid, e.extname, e.extversion, n.nspname, pg_catalog.quote_literal(e.extversion),"
                + " e.extconfig, e.extcondition"
                + " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname <> 'plpgsql' ORDER BY e.extname", rs -> {
                    long oid = rs.getLong(1);
                    String name = rs.getString(2);
                    String version = rs.getString(3);
                    out.extensions.add(new SourceSchema.RequiredExtension(name, version, rs.getString(4)));
                    Set<String> available = targetExtensionVersions.getOrDefault(name, Set.of());
                    String sql = "CREATE EXTENSION IF NOT EXISTS " + Sql.ident(name) + " WITH SCHEMA " + Sql.ident(rs.getString(4));
                    if (available.contains(version)) {
                        sql += " VERSION " + rs.getString(5);
                    } else if (!available.isEmpty()) {
                        out.warnings.add(MigrationWarning.of(WarningCodes.EXTENSION_VERSION,
                                "Extension " + Sql.ident(name) + " version " + version + " is not available on the target;"
                                        + " its default version is installed instead. Run ALTER EXTENSION ... UPDATE on the target if needed.",
                                List.of(Sql.ident(name))));
                    }
                    Statements s = new Statements(roles).add(sql);
                    s.comment("EXTENSION " + Sql.ident(name), catalog.comment(ObjectRef.PG_EXTENSION, oid, 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_EXTENSION, oid), "extension", Sql.ident(name), s.toList()));
                    java.sql.Array config = rs.getArray(6);
                    if (config != null) {
                        Object[] oids = (Object[]) config.getArray();
                        List<String> conds = RelationReader.strings(rs.getArray(7));
                        for (int i = 0; i < oids.length; i++) {
                            configTables.add(new long[] {((Number) oids[i]).longValue()});
                            conditions.add(i < conds.size() ? conds.get(i) : "");
                        }
                    }
                });
        for (int i = 0; i < configTables.size(); i++) {
            readConfigTable(configTables.get(i)[0], conditions.get(i));
        }
    }

    /** Rows users added to an extension's configuration table (pg_extension_config_dump). */
    private void readConfigTable(long oid, String condition) throws SQLException {
        String generated = catalog.version() >= 120000 ? " AND a.attgenerated = ''" : "";
        catalog.query("SELECT n.nspname, c.relname, c.relkind,"
                + " ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                + "       AND NOT a.attisdropped" + generated + " ORDER BY a.attnum),"
                + " pg_catalog.pg_relation_size(c.oid),"
                + " ARRAY(SELECT CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END FROM pg_catalog.pg_attribute a"
                + "       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid WHERE a.attrelid = c.oid AND a.attnum > 0"
                + "       AND NOT a.attisdropped" + generated + " ORDER BY a.attnum)"
                + ", ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
                + "       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped" + generated + " ORDER BY a.attnum)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = " + oid, rs -> {
                    String qualified = Sql.qualified(rs.getString(1), rs.getString(2));
                    if (rs.getString(3).equals("r")) {
                        List<String> names = RelationReader.strings(rs.getArray(4));
                        Object[] types = (Object[]) rs.getArray(6).getArray();
                        List<String> typeNames = RelationReader.strings(rs.getArray(7));
                        List<TableColumn> columns = new ArrayList<>();
                        for (int i = 0; i < names.size(); i++) {
                            // the extension created this table on the target: its columns are not
                            // ours to rely on, so values travel exactly as the source has them
                            columns.add(TableColumn.of(Sql.ident(names.get(i)), typeNames.get(i), ((Number) types[i]).longValue(), -1, false, null));
                        }
                        String filter = condition == null || condition.isBlank() ? "" : condition;
                        out.tables.add(new TableData(oid, qualified, rs.getString(1), rs.getString(2), columns, filter, rs.getLong(5), -1, null));
                    } else if (rs.getString(3).equals("S")) {
                        out.configSequences.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                });
    }
}
