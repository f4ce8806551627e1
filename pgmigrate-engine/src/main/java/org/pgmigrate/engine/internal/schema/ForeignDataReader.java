package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Foreign-data wrappers, foreign servers and user mappings. Wrappers that extensions create get
 * only their privileges (the extension creates them); foreign tables are read with the other
 * relations.
 */
final class ForeignDataReader {
    static final int PG_FOREIGN_DATA_WRAPPER = 2328;
    static final int PG_FOREIGN_SERVER = 1417;
    static final int PG_USER_MAPPING = 1418;

    /** {@code OPTIONS (name 'value', ...)} of an options array, or an empty string. */
    static String options(String column) {
        return "COALESCE(' OPTIONS (' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(o.option_name) || ' '"
                + " || pg_catalog.quote_literal(o.option_value), ', ') FROM pg_catalog.pg_options_to_table(" + column + ") o) || ')', '')";
    }

    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    ForeignDataReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        readWrappers();
        readServers();
        readUserMappings();
    }

    private void readWrappers() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_foreign_data_wrapper", "oid", "fdwacl");
        catalog.query("SELECT w.oid, w.fdwname, pg_catalog.pg_get_userbyid(w.fdwowner),"
                + " CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END,"
                + " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END,"
                + " " + options("w.fdwoptions") + ", " + Dependencies.extensionOf("pg_foreign_data_wrapper", "w.oid")
                + " FROM pg_catalog.pg_foreign_data_wrapper w ORDER BY w.fdwname", rs -> {
                    long oid = rs.getLong(1);
                    String name = "FOREIGN DATA WRAPPER " + Sql.ident(rs.getString(2));
                    ObjectRef ref = ObjectRef.of(PG_FOREIGN_DATA_WRAPPER, oid);
                    long extension = rs.getLong(7);
                    Statements s = new Statements(roles);
                    if (extension == 0) {
                        s.add("CREATE " + name + (rs.getString(4) == null ? " NO HANDLER" : " HANDLER " + rs.getString(4))
                                + (rs.getString(5) == null ? " NO VALIDATOR" : " VALIDATOR " + rs.getString(5)) + rs.getString(6));
                        s.comment(name, catalog.comment(PG_FOREIGN_DATA_WRAPPER, oid, 0));
                        s.owner(name, rs.getString(3));
                    } else {
                        out.dependsOn(ref, ObjectRef.of(ObjectRef.PG_EXTENSION, extension));
                    }
                    s.privileges(name, rs.getString(3), acls.get(oid));
                    List<String> statements = s.toList();
                    if (!statements.isEmpty()) {
                        out.add(SchemaObject.preData(ref, "foreign data wrapper", Sql.ident(rs.getString(2)), statements));
                    }
                });
    }

    private void readServers() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_foreign_server", "oid", "srvacl");
        catalog.query("SELECT s.oid, s.srvname, pg_catalog.pg_get_userbyid(s.srvowner), pg_catalog.quote_ident(w.fdwname),"
                + " pg_catalog.quote_literal(s.srvtype), pg_catalog.quote_literal(s.srvversion), " + options("s.srvoptions")
                + " FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
                + " WHERE " + Dependencies.notMember("pg_foreign_server", "s.oid") + " ORDER BY s.srvname", rs -> {
                    long oid = rs.getLong(1);
                    String name = "SERVER " + Sql.ident(rs.getString(2));
                    Statements s = new Statements(roles)
                            .add("CREATE " + name + (rs.getString(5) == null ? "" : " TYPE " + rs.getString(5))
                                    + (rs.getString(6) == null ? "" : " VERSION " + rs.getString(6))
                                    + " FOREIGN DATA WRAPPER " + rs.getString(4) + rs.getString(7))
                            .comment(name, catalog.comment(PG_FOREIGN_SERVER, oid, 0))
                            .owner(name, rs.getString(3))
                            .privileges("FOREIGN " + name, rs.getString(3), acls.get(oid));
                    out.add(SchemaObject.preData(ObjectRef.of(PG_FOREIGN_SERVER, oid), "foreign server", Sql.ident(rs.getString(2)), s.toList()));
                });
    }

    /**
     * User mappings carry their options (often a password) as the source shows them: in full to
     * a superuser or the server's owner, not at all to others, whose mappings then arrive without.
     */
    private void readUserMappings() throws SQLException {
        catalog.query("SELECT m.umid, m.umuser, m.usename, pg_catalog.quote_ident(m.srvname), " + options("m.umoptions")
                + " FROM pg_catalog.pg_user_mappings m ORDER BY m.srvname, m.usename", rs -> {
                    String user = "PUBLIC";
                    if (rs.getLong(2) != 0) {
                        String role = roles.name(rs.getString(3), "USER MAPPING FOR " + Sql.ident(rs.getString(3)));
                        if (role == null) {
                            return;
                        }
                        user = Sql.ident(role);
                    }
                    String name = "FOR " + user + " SERVER " + rs.getString(4);
                    out.add(SchemaObject.preData(ObjectRef.of(PG_USER_MAPPING, rs.getLong(1)), SchemaObject.USER_MAPPING, name,
                            List.of("CREATE USER MAPPING " + name + rs.getString(5))));
                });
    }
}
