package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Procedural languages and transforms. A language created by {@code CREATE LANGUAGE} is created
 * with its handler, inline and validator functions, comment, owner and privileges; one the target
 * already has (built in, or brought by an extension) gets only its privileges.
 */
final class LanguageReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    LanguageReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        readLanguages();
        readTransforms();
    }

    private void readLanguages() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_language", "oid", "lanacl");
        String extension = Dependencies.extensionOf("pg_language", "l.oid");
        catalog.query("SELECT l.oid, l.lanname, pg_catalog.pg_get_userbyid(l.lanowner), " + extension + ", l.lanpltrusted,"
                + " NULLIF(l.lanplcallfoid, 0)::pg_catalog.regproc::text, NULLIF(l.laninline, 0)::pg_catalog.regproc::text,"
                + " NULLIF(l.lanvalidator, 0)::pg_catalog.regproc::text"
                + " FROM pg_catalog.pg_language l"
                // the target has the built-in languages and those of extensions: only their privileges may differ
                + " WHERE (l.oid >= " + Catalog.FIRST_NORMAL_OID + " AND " + extension + " IS NULL)"
                + " OR (l.lanacl IS NOT NULL AND l.lanpltrusted)"
                + " ORDER BY l.lanname", rs -> {
                    long oid = rs.getLong(1);
                    ObjectRef ref = ObjectRef.of(ObjectRef.PG_LANGUAGE, oid);
                    String name = "LANGUAGE " + Sql.ident(rs.getString(2));
                    boolean created = oid >= Catalog.FIRST_NORMAL_OID && rs.getLong(4) == 0;
                    boolean trusted = rs.getBoolean(5);
                    Statements s = new Statements(roles);
                    if (created) {
                        if (rs.getString(6) == null) {
                            out.warnings.add(MigrationWarning.of(WarningCodes.UNSUPPORTED_OBJECT, "Procedural languages without a handler"
                                    + " function cannot be created with CREATE LANGUAGE; install them as extensions on the target.",
                                    List.of(Sql.ident(rs.getString(2)))));
                            return;
                        }
                        s.add("CREATE " + (trusted ? "TRUSTED " : "") + name + " HANDLER " + rs.getString(6)
                                + (rs.getString(7) == null ? "" : " INLINE " + rs.getString(7))
                                + (rs.getString(8) == null ? "" : " VALIDATOR " + rs.getString(8)));
                        s.comment(name, catalog.comment(ObjectRef.PG_LANGUAGE, oid, 0));
                        s.owner(name, rs.getString(3));
                    } else if (rs.getLong(4) != 0) {
                        out.dependsOn(ref, ObjectRef.of(ObjectRef.PG_EXTENSION, rs.getLong(4)));
                    }
                    if (trusted) {
                        // untrusted languages take no GRANT: only superusers use them
                        s.privileges(name, rs.getString(3), acls.get(oid));
                    }
                    List<String> statements = s.toList();
                    if (!statements.isEmpty()) {
                        out.add(SchemaObject.preData(ref, created ? "procedural language" : "language privileges",
                                Sql.ident(rs.getString(2)), statements));
                    }
                });
    }

    private void readTransforms() throws SQLException {
        catalog.query("SELECT t.oid, pg_catalog.format_type(t.trftype, NULL), l.lanname,"
                + " NULLIF(t.trffromsql, 0)::pg_catalog.regprocedure::text, NULLIF(t.trftosql, 0)::pg_catalog.regprocedure::text"
                + " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_language l ON l.oid = t.trflang"
                + " WHERE t.oid >= " + Catalog.FIRST_NORMAL_OID + " AND " + Dependencies.notMember("pg_transform", "t.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = "FOR " + rs.getString(2) + " LANGUAGE " + Sql.ident(rs.getString(3));
                    StringBuilder functions = new StringBuilder();
                    if (rs.getString(4) != null) {
                        functions.append("FROM SQL WITH FUNCTION ").append(rs.getString(4));
                    }
                    if (rs.getString(5) != null) {
                        functions.append(functions.length() == 0 ? "" : ", ").append("TO SQL WITH FUNCTION ").append(rs.getString(5));
                    }
                    Statements s = new Statements(roles).add("CREATE TRANSFORM " + name + " (" + functions + ")")
                            .comment("TRANSFORM " + name, catalog.comment(ObjectRef.PG_TRANSFORM, rs.getLong(1), 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_TRANSFORM, rs.getLong(1)), "transform", name, s.toList()));
                });
    }
}
