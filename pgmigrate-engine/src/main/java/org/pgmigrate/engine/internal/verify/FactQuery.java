package org.pgmigrate.engine.internal.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.verify.Fact.Kind;

/**
 * The query that reads the facts of one {@link FactCatalog} from a server, built from the columns
 * that server's catalog has: each column becomes a text that names what it refers to instead of
 * holding an OID or an attribute number.
 */
final class FactQuery {
    /** Separates the fields of an ACL item. */
    static final String FIELD = "\u001f";
    /** Separates the items of a list of ACL items or roles. */
    static final String ITEM = "\u001e";

    /** Arrays of {@code name=value} options whose order means nothing. */
    private static final Set<String> OPTION_ARRAYS = Set.of("reloptions", "attoptions", "attfdwoptions", "fdwoptions",
            "srvoptions", "umoptions", "ftoptions");
    private static final Set<String> REFERENCE_TYPES = Set.of("oid", "regproc", "regprocedure", "regtype", "regclass",
            "regoper", "regoperator", "regconfig", "regdictionary", "regnamespace", "regrole", "regcollation");
    private static final Set<String> REFERENCE_ARRAY_TYPES = Set.of("oidvector", "_oid", "_regtype", "_regproc");
    private static final Set<String> ATTNUM_TYPES = Set.of("int2vector", "_int2");

    /**
     * For each ACL column that stands for the built-in privileges when NULL, the object's kinds and
     * owner: privileges granted and revoked again are the defaults, spelled out.
     */
    private static final Map<String, BuiltIn> DEFAULT_PRIVILEGES = Map.of(
            "relacl", new BuiltIn("r", "s", "x.relowner"), "proacl", new BuiltIn("f", null, "x.proowner"),
            "typacl", new BuiltIn("T", null, "x.typowner"), "nspacl", new BuiltIn("n", null, "x.nspowner"),
            "lanacl", new BuiltIn("l", null, "x.lanowner"), "fdwacl", new BuiltIn("F", null, "x.fdwowner"),
            "srvacl", new BuiltIn("S", null, "x.srvowner"), "lomacl", new BuiltIn("L", null, "x.lomowner"),
            "datacl", new BuiltIn("d", null, "x.datdba"));
    /** Stands for the owner in the built-in privileges' items; sorts after PUBLIC's empty name, as every role's does. */
    private static final String OWNER = "@";

    /**
     * The built-in privileges of an object, as {@code acldefault} knows them.
     *
     * @param kind the kind of object acldefault takes
     * @param sequenceKind the kind for a sequence, where the catalog holds sequences too (pg_class), else null
     * @param owner SQL of the object's owner
     */
    private record BuiltIn(String kind, String sequenceKind, String owner) {}

    /** The first columns of each row, before the properties. */
    static final int PROPERTIES_FROM = 11;

    private final FactCatalog catalog;
    private final Map<String, String> columns;
    private final List<String> propertyNames = new ArrayList<>();
    private final List<Kind> propertyKinds = new ArrayList<>();
    private final List<String> propertySql = new ArrayList<>();
    private final List<String> uncompared = new ArrayList<>();
    private FactProperties.Names names;

    /**
     * @param columns the catalog's columns on the server at hand, name to type name ({@code pg_type.typname})
     */
    FactQuery(FactCatalog catalog, Map<String, String> columns) {
        this.catalog = catalog;
        this.columns = columns;
        if (!catalog.onlyDerived()) {
            columns.forEach((column, type) -> {
                // a row's own OID differs from server to server: its identity stands for it
                if (!column.equals("oid") && !catalog.ignored().contains(column)) {
                    String derived = catalog.derived().get(column);
                    if (derived != null) {
                        add(column, derived, Kind.TEXT);
                    } else {
                        column(column, type);
                    }
                }
            });
        }
        catalog.derived().forEach((property, sql) -> {
            if (propertyNames.contains(property)) {
                return;
            }
            if (sql.equals("x." + property)) {
                if (columns.containsKey(property)) {
                    column(property, columns.get(property));
                }
            } else if (!sql.contains("x." + property) || columns.containsKey(property)) {
                // a replacement of a column that this server's catalog does not have is left out
                add(property, sql, Kind.TEXT);
            }
        });
    }

    List<String> propertyNames() {
        return propertyNames;
    }

    List<Kind> propertyKinds() {
        return propertyKinds;
    }

    /** Columns this server has that are not compared, as "pg_x.column (why)". */
    List<String> uncompared() {
        return uncompared;
    }

    String sql() {
        // most catalogs report a difference under the object itself: identified once
        boolean displaysItself = catalog.object() != null && catalog.display().equals(catalog.object());
        StringBuilder sql = new StringBuilder("SELECT ");
        if (catalog.object() == null) {
            sql.append("'database', '', 'database', '', NULL::pg_catalog.text, NULL::pg_catalog.oid, NULL::pg_catalog.oid");
        } else {
            String display = displaysItself ? "o" : "d";
            sql.append("o.type, o.identity, ").append(display).append(".type, ").append(display)
                    .append(".identity, o.schema, a.c::pg_catalog.oid, a.o::pg_catalog.oid");
        }
        sql.append(", ").append(catalog.suffix() == null ? "NULL::pg_catalog.text" : catalog.suffix());
        sql.append(", ").append(catalog.role() == null ? "NULL::pg_catalog.text" : catalog.role());
        // the row's own object, when it is one: left out alone, its anchor kept (a column default, a trigger)
        sql.append(columns.containsKey("oid") && catalog.object() != null
                ? ", 'pg_catalog." + catalog.table() + "'::pg_catalog.regclass::pg_catalog.oid, x.oid" : ", NULL::pg_catalog.oid, NULL::pg_catalog.oid");
        for (int i = 0; i < propertySql.size(); i++) {
            sql.append(",\n  ").append(propertySql.get(i)).append(" AS ").append(Sql.ident(propertyNames.get(i)));
        }
        sql.append("\nFROM pg_catalog.").append(catalog.table()).append(" x");
        if (catalog.object() != null) {
            sql.append(" CROSS JOIN LATERAL pg_catalog.pg_identify_object(").append(catalog.object()).append(") o");
            if (!displaysItself) {
                sql.append(" CROSS JOIN LATERAL pg_catalog.pg_identify_object(").append(catalog.display()).append(") d");
            }
            sql.append(" CROSS JOIN LATERAL (VALUES (").append(catalog.anchor()).append(")) a(c, o)");
        }
        sql.append("\nWHERE ").append(catalog.rows());
        catalog.rowsWhereColumn().forEach((column, condition) -> {
            if (columns.containsKey(column)) {
                sql.append(" AND ").append(condition);
            }
        });
        return sql.toString();
    }

    private void column(String column, String type) {
        String value = "x." + Sql.ident(column);
        String references = CatalogReferences.of(catalog.table(), column);
        String relation = catalog.attnums().get(column);
        if (type.equals("_aclitem")) {
            BuiltIn builtIn = DEFAULT_PRIVILEGES.get(column);
            add(column, builtIn == null ? acl(value) : "CASE WHEN " + value + " IS NULL THEN " + builtInPrivileges(builtIn) + " ELSE "
                    + acl(value) + " END", Kind.ACL);
        } else if (relation != null && ATTNUM_TYPES.contains(type)) {
            add(column, columnNames(value, relation), Kind.TEXT);
        } else if (REFERENCE_TYPES.contains(type) || REFERENCE_ARRAY_TYPES.contains(type)) {
            boolean array = REFERENCE_ARRAY_TYPES.contains(type);
            if (references == null) {
                uncompared.add(catalog.table() + "." + column + " (a reference this version cannot name)");
            } else if (references.equals("pg_tablespace") && !array) {
                add(column, "(SELECT t.spcname::pg_catalog.text FROM pg_catalog.pg_tablespace t WHERE t.oid = " + value + ")", Kind.TABLESPACE);
            } else if (references.equals(CatalogReferences.ROLE)) {
                add(column, array ? roles(value) : role(value), array ? Kind.ROLES : Kind.ROLE);
            } else {
                add(column, array ? identities(value, references) : identity(value, references), Kind.TEXT);
            }
        } else if (type.equals("_text") && OPTION_ARRAYS.contains(column)) {
            // pg_attver is an option zonky's builds of 18 give every column, which no statement can set
            // (an empty array, left by RESET, is no options, as NULL is; most rows have NULL, and skip the sorting)
            add(column, "CASE WHEN " + value + " IS NOT NULL THEN NULLIF(pg_catalog.array_to_string(ARRAY(SELECT o FROM pg_catalog.unnest("
                    + value + ") o WHERE o NOT LIKE 'pg\\_attver=%' ORDER BY o COLLATE \"C\"), '" + ITEM + "'), '') END", Kind.TEXT);
        } else if (type.equals("pg_node_tree") || type.equals("anyarray")) {
            uncompared.add(catalog.table() + "." + column + " (" + type + ")");
        } else {
            add(column, value + "::pg_catalog.text", Kind.TEXT);
        }
    }

    private void add(String name, String sql, Kind kind) {
        propertyNames.add(name);
        propertySql.add(sql);
        propertyKinds.add(kind);
    }

    private static String identity(String oid, String catalog) {
        return "CASE WHEN " + oid + "::pg_catalog.oid = 0 THEN NULL ELSE (SELECT i.type || ' ' || i.identity FROM"
                + " pg_catalog.pg_identify_object('pg_catalog." + catalog + "'::pg_catalog.regclass, " + oid + "::pg_catalog.oid, 0) i) END";
    }

    private static String identities(String oids, String catalog) {
        return "(SELECT pg_catalog.string_agg(CASE WHEN u.o = 0 THEN '-' ELSE (SELECT i.identity FROM pg_catalog.pg_identify_object("
                + "'pg_catalog." + catalog + "'::pg_catalog.regclass, u.o, 0) i) END, ', ' ORDER BY u.n)"
                + " FROM pg_catalog.unnest(" + oids + "::pg_catalog.oid[]) WITH ORDINALITY u(o, n))";
    }

    private static String role(String oid) {
        return "CASE WHEN " + oid + " = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(" + oid + ")::pg_catalog.text END";
    }

    /** Role names in their order; 0 stands for PUBLIC (a policy's roles). */
    private static String roles(String oids) {
        return "(SELECT pg_catalog.string_agg(CASE WHEN u.o = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(u.o)::pg_catalog.text END,"
                + " '" + ITEM + "' ORDER BY u.n) FROM pg_catalog.unnest(" + oids + ") WITH ORDINALITY u(o, n))";
    }

    private static String columnNames(String attnums, String relation) {
        return "(SELECT pg_catalog.string_agg(COALESCE(pg_catalog.quote_ident(a.attname), CASE WHEN u.k = 0 THEN '(expression)'"
                + " ELSE u.k::pg_catalog.text END), ', ' ORDER BY u.n) FROM pg_catalog.unnest(" + attnums
                + "::pg_catalog.int2[]) WITH ORDINALITY u(k, n) LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = " + relation
                + " AND a.attnum = u.k)";
    }

    /**
     * The items {@link #acl} makes of an object's built-in privileges: the kind's items are made
     * once a query (an uncorrelated subquery), with a stand-in for the owner, who is put in each
     * row. Exploding, naming and sorting them row by row cost half of what a table's facts cost
     * (10,000 tables: 0.3 of 0.65 seconds).
     */
    private static String builtInPrivileges(BuiltIn builtIn) {
        String items = builtIn.sequenceKind() == null ? ownerItems(builtIn.kind())
                : "CASE WHEN x.relkind = 'S' THEN " + ownerItems(builtIn.sequenceKind()) + " ELSE " + ownerItems(builtIn.kind()) + " END";
        return "pg_catalog.replace(" + items + ", '" + OWNER + "', pg_catalog.pg_get_userbyid(" + builtIn.owner() + ")::pg_catalog.text)";
    }

    /** The sorted items of {@code acldefault(kind)}, {@link #OWNER} standing for the owner. */
    private static String ownerItems(String kind) {
        return items("pg_catalog.acldefault('" + kind + "'::pg_catalog.\"char\", 10::pg_catalog.oid)", "'" + OWNER + "'", "'" + OWNER + "'");
    }

    /**
     * The items of an ACL in a fixed order, each naming its grantee (empty for PUBLIC), privilege,
     * grant option and grantor; NULL stays NULL, unlike an empty ACL.
     */
    static String acl(String acl) {
        return "CASE WHEN " + acl + " IS NULL THEN NULL ELSE COALESCE(" + items(acl, "pg_catalog.pg_get_userbyid(e.grantee)::pg_catalog.text",
                "pg_catalog.pg_get_userbyid(e.grantor)::pg_catalog.text") + ", '') END";
    }

    /** The items of {@code acl}, sorted, their grantee and grantor named by SQL over its exploded item {@code e}. */
    private static String items(String acl, String grantee, String grantor) {
        return "(SELECT pg_catalog.string_agg(a.item, '" + ITEM + "' ORDER BY a.item COLLATE \"C\") FROM (SELECT CASE WHEN e.grantee = 0"
                + " THEN '' ELSE " + grantee + " END || '" + FIELD + "' || e.privilege_type || '" + FIELD + "' || e.is_grantable::pg_catalog.text"
                + " || '" + FIELD + "' || " + grantor + " AS item FROM pg_catalog.aclexplode(" + acl + ") e) a)";
    }

    /**
     * The properties of a fact read with {@link #sql()}, by name, sharing the values equal to one
     * in {@code seen}.
     */
    Map<String, Fact.Property> properties(java.sql.ResultSet rs, Map<Fact.Property, Fact.Property> seen) throws java.sql.SQLException {
        if (names == null) {
            names = new FactProperties.Names(propertyNames);
        }
        Fact.Property[] values = new Fact.Property[propertyNames.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = FactProperties.read(rs.getString(PROPERTIES_FROM + 1 + i), propertyKinds.get(i), seen);
        }
        return FactProperties.of(names, values);
    }
}
