package org.pgmigrate.engine.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Base types defined outside extensions, with their array types, and shell types never completed.
 *
 * <p>A base type and its I/O functions need each other: the functions take or return the type,
 * the type names the functions. As pg_dump does, a base type comes as two objects: its shell
 * ({@code CREATE TYPE name}), which the functions are created after, and the complete type, created
 * after them (see {@link DependencyOrder#throughShells}). Creating a base type takes a superuser on
 * the target, and the shared libraries of I/O functions written in C.
 */
final class BaseTypeReader {
    private static final Map<String, String> ALIGNMENT = Map.of("c", "char", "s", "int2", "i", "int4", "d", "double");
    private static final Map<String, String> STORAGE = Map.of("p", "plain", "e", "external", "m", "main", "x", "extended");

    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    BaseTypeReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_type", "oid", "typacl");
        String subscript = catalog.version() >= 140000
                // the handler CREATE TYPE picks itself for a fixed-length type with an element goes unsaid, as before 14
                ? "CASE WHEN t.typsubscript <> 0 AND NOT (t.typsubscript = 'pg_catalog.raw_array_subscript_handler'::pg_catalog.regproc"
                  + " AND t.typlen > 0 AND t.typelem <> 0) THEN t.typsubscript::pg_catalog.text END"
                : "NULL";
        catalog.query("SELECT t.oid, n.nspname, t.typname, pg_catalog.pg_get_userbyid(t.typowner), t.typisdefined,"
                + " t.typinput::pg_catalog.text, t.typoutput::pg_catalog.text,"
                + " NULLIF(t.typreceive, 0)::pg_catalog.regproc::text, NULLIF(t.typsend, 0)::pg_catalog.regproc::text,"
                + " NULLIF(t.typmodin, 0)::pg_catalog.regproc::text, NULLIF(t.typmodout, 0)::pg_catalog.regproc::text,"
                + " NULLIF(t.typanalyze, 0)::pg_catalog.regproc::text, " + subscript + ","
                + " t.typlen, t.typbyval, t.typalign, t.typstorage, pg_catalog.quote_literal(t.typcategory::pg_catalog.text), t.typispreferred,"
                + " pg_catalog.quote_literal(t.typdelim::pg_catalog.text), CASE WHEN t.typelem <> 0 THEN pg_catalog.format_type(t.typelem, NULL) END,"
                + " pg_catalog.quote_literal(t.typdefault), t.typcollation <> 0"
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_type", "t.oid")
                + " AND ((t.typtype = 'b' AND t.typisdefined) OR (t.typtype = 'p' AND NOT t.typisdefined))"
                + " ORDER BY n.nspname, t.typname", rs -> {
                    long oid = rs.getLong(1);
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    String owner = rs.getString(4);
                    ObjectRef type = ObjectRef.of(ObjectRef.PG_TYPE, oid);
                    String comment = catalog.comment(ObjectRef.PG_TYPE, oid, 0);
                    if (!rs.getBoolean(5)) {
                        Statements shell = new Statements(roles).add("CREATE TYPE " + name).comment("TYPE " + name, comment)
                                .owner("TYPE " + name, owner);
                        out.add(SchemaObject.preData(type, "shell type", name, shell.toList()));
                        return;
                    }
                    out.addShell(type, name);
                    Statements s = new Statements(roles).add(definition(rs, name)).comment("TYPE " + name, comment)
                            .owner("TYPE " + name, owner).privileges("TYPE " + name, owner, acls.get(oid));
                    out.add(SchemaObject.preData(type, "base type", name, s.toList()));
                });
    }

    private static String definition(ResultSet rs, String name) throws SQLException {
        List<String> options = new ArrayList<>();
        options.add("INPUT = " + rs.getString(6));
        options.add("OUTPUT = " + rs.getString(7));
        RoutineReader.addIf(options, "RECEIVE", rs.getString(8));
        RoutineReader.addIf(options, "SEND", rs.getString(9));
        RoutineReader.addIf(options, "TYPMOD_IN", rs.getString(10));
        RoutineReader.addIf(options, "TYPMOD_OUT", rs.getString(11));
        RoutineReader.addIf(options, "ANALYZE", rs.getString(12));
        RoutineReader.addIf(options, "SUBSCRIPT", rs.getString(13));
        int length = rs.getInt(14);
        options.add("INTERNALLENGTH = " + (length == -1 ? "VARIABLE" : String.valueOf(length)));
        if (rs.getBoolean(15)) {
            options.add("PASSEDBYVALUE");
        }
        options.add("ALIGNMENT = " + ALIGNMENT.get(rs.getString(16)));
        options.add("STORAGE = " + STORAGE.get(rs.getString(17)));
        options.add("CATEGORY = " + rs.getString(18));
        options.add("PREFERRED = " + rs.getBoolean(19));
        options.add("DELIMITER = " + rs.getString(20));
        RoutineReader.addIf(options, "ELEMENT", rs.getString(21));
        RoutineReader.addIf(options, "DEFAULT", rs.getString(22));
        options.add("COLLATABLE = " + rs.getBoolean(23));
        return "CREATE TYPE " + name + " (\n    " + String.join(",\n    ", options) + "\n)";
    }
}
