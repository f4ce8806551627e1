package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgmigrate.SqlNames;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Database-level settings and comment, sequence values, and large objects. */
final class DatabaseReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    DatabaseReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        out.databaseComment = catalog.databaseComment();
        catalog.query(RoleSettings.query("s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())"), rs -> {
            String name = rs.getString(1);
            String sourceRole = rs.getString(3);
            String role = sourceRole == null ? null : roles.name(sourceRole, "ALTER ROLE " + Sql.ident(sourceRole) + " IN DATABASE ... SET " + name);
            if (sourceRole == null || role != null) {
                out.databaseSettings.add(new SourceSchema.DatabaseSetting(role, name, rs.getString(2)));
            }
        });
        Map<Long, List<Grant>> databaseAcls = catalog.acls("pg_database", "oid", "datacl");
        catalog.query("SELECT d.oid, pg_catalog.pg_get_userbyid(d.datdba), d.datconnlimit FROM pg_catalog.pg_database d"
                + " WHERE d.datname = pg_catalog.current_database()", rs -> {
                    long oid = rs.getLong(1);
                    out.databaseProperties = new SourceSchema.DatabaseProperties(rs.getString(2), databaseAcls.get(oid), rs.getInt(3));
                });
        readDefaultPrivileges();
        readSequenceValues();
        readLargeObjects();
    }

    private void readDefaultPrivileges() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_default_acl", "oid", "defaclacl");
        catalog.query("SELECT d.oid, pg_catalog.pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype"
                + " FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace"
                + " ORDER BY 2, 3 NULLS FIRST, 4", rs -> {
                    String objects = DEFAULT_ACL_OBJECTS.get(rs.getString(4));
                    if (objects == null) {
                        return;
                    }
                    Statements s = new Statements(roles).defaultPrivileges(rs.getString(2), rs.getString(3), objects,
                            acls.getOrDefault(rs.getLong(1), List.of()));
                    out.add(new SchemaObject(ObjectRef.of(PG_DEFAULT_ACL, rs.getLong(1)), "default privileges",
                            "DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(rs.getString(2)), Placement.AFTER_ALL_DATA, 0, s.toList()));
                });
    }

    private static final int PG_DEFAULT_ACL = 826;

    private static final Map<String, String> DEFAULT_ACL_OBJECTS = Map.of(
            "r", "TABLES", "S", "SEQUENCES", "f", "FUNCTIONS", "T", "TYPES", "n", "SCHEMAS", "L", "LARGE OBJECTS");

    private void readSequenceValues() throws SQLException {
        List<String[]> unused = new ArrayList<>();
        catalog.query("SELECT n.nspname, c.relname, s.last_value, s.start_value"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_sequences s ON s.schemaname = n.nspname AND s.sequencename = c.relname"
                + " WHERE c.relkind = 'S' AND " + SchemaFilter.userNamespace("n")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + "     AND d.objid = c.oid AND d.deptype = 'e')"
                + " ORDER BY 1, 2", rs -> {
                    String[] name = {rs.getString(1), rs.getString(2)};
                    long last = rs.getLong(3);
                    if (rs.wasNull()) {
                        // not called yet, or reset with setval(..., false): only the sequence itself tells
                        unused.add(name);
                    } else {
                        out.sequences.add(sequence(name, last, true));
                    }
                });
        unused.addAll(out.configSequences);
        List<SequenceStates.State> states = SequenceStates.read(catalog.connection(),
                unused.stream().map(name -> Sql.qualified(name[0], name[1])).toList());
        for (int i = 0; i < unused.size(); i++) {
            out.sequences.add(sequence(unused.get(i), states.get(i).lastValue(), states.get(i).called()));
        }
    }

    private static SequenceValue sequence(String[] name, long last, boolean called) {
        return new SequenceValue(Sql.qualified(name[0], name[1]), SqlNames.qualified(name[0], name[1]), last, called);
    }

    private void readLargeObjects() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_largeobject_metadata", "oid", "lomacl");
        catalog.query("SELECT o.oid, pg_catalog.pg_get_userbyid(o.lomowner) FROM pg_catalog.pg_largeobject_metadata o ORDER BY 1", rs -> {
            long oid = rs.getLong(1);
            String target = "LARGE OBJECT " + oid;
            Statements s = new Statements(roles)
                    .comment(target, catalog.comment(ObjectRef.PG_LARGEOBJECT, oid, 0))
                    .owner(target, rs.getString(2))
                    .privileges(target, rs.getString(2), acls.get(oid));
            out.largeObjects.add(new LargeObject(oid, s.toList()));
        });
    }
}
