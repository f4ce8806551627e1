package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Enum, composite, domain and range types, and collations (base types: {@link BaseTypeReader}). */
final class TypeReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    /** Range types with a canonical function, which come as a shell first, like base types. */
    private final Set<Long> canonical = new HashSet<>();

    TypeReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        readCollations();
        Map<Long, List<String>> labels = new HashMap<>();
        catalog.query("SELECT enumtypid, pg_catalog.quote_literal(enumlabel) FROM pg_catalog.pg_enum ORDER BY enumtypid, enumsortorder",
                rs -> labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
        Map<Long, List<String>> attributes = new HashMap<>();
        Map<Long, List<String>> attributeComments = new HashMap<>();
        catalog.query("SELECT t.oid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " " + SchemaFilter.collationUnlessDefault("a.attcollation", "at.typcollation") + ","
                + " t.typrelid, a.attnum"
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid"
                + " JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE t.typtype = 'c' AND t.oid >= " + Catalog.FIRST_NORMAL_OID + " AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY t.oid, a.attnum", rs -> {
                    attributes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Sql.ident(rs.getString(2)) + " " + rs.getString(3)
                            + (rs.getString(4) == null ? "" : " COLLATE " + rs.getString(4)));
                    String comment = catalog.comment(ObjectRef.PG_CLASS, rs.getLong(5), rs.getInt(6));
                    if (comment != null) {
                        attributeComments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Sql.ident(rs.getString(2)) + " IS " + comment);
                    }
                });
        Map<Long, List<String[]>> domainChecks = new HashMap<>();
        catalog.query("SELECT contypid, conname, pg_catalog.pg_get_constraintdef(oid), oid FROM pg_catalog.pg_constraint"
                + " WHERE contypid <> 0 AND contype = 'c' ORDER BY contypid, conname",
                rs -> domainChecks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
        Map<Long, String> ranges = readRanges();
        Map<Long, List<Grant>> acls = catalog.acls("pg_type", "oid", "typacl");
        catalog.query("SELECT t.oid, n.nspname, t.typname, t.typtype, pg_catalog.pg_get_userbyid(t.typowner),"
                + " pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_catalog.pg_get_expr(t.typdefaultbin, 0),"
                + " CASE WHEN t.typtype = 'd' THEN " + SchemaFilter.collationUnlessDefault("t.typcollation", "bt.typcollation") + " END,"
                // a domain over a domain copies its base's default when it is created, even where it has none now
                + " bt.typtype = 'd' AND bt.typdefaultbin IS NOT NULL AND t.typdefaultbin IS NULL, " + domainNotNull()
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND t.typisdefined"
                + " AND t.typtype IN ('c', 'd', 'e', 'r')"
                + " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')"
                + " AND " + Dependencies.notMember("pg_type", "t.oid")
                + " ORDER BY n.nspname, t.typname", rs -> {
                    long oid = rs.getLong(1);
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    char type = rs.getString(4).charAt(0);
                    String owner = rs.getString(5);
                    Statements s = new Statements(roles);
                    String keyword = type == 'd' ? "DOMAIN " : "TYPE ";
                    // a domain's CHECK constraints, each of which can be added on its own to break a dependency loop
                    List<SchemaObject> checks = new ArrayList<>();
                    for (String[] check : type == 'd' ? domainChecks.getOrDefault(oid, List.of()) : List.<String[]>of()) {
                        ObjectRef constraint = ObjectRef.of(ObjectRef.PG_CONSTRAINT, Long.parseLong(check[2]));
                        String constraintName = Sql.ident(check[0]) + " ON DOMAIN " + name;
                        checks.add(SchemaObject.preData(constraint, "domain constraint", constraintName, new Statements(roles)
                                .add("ALTER DOMAIN " + name + " ADD CONSTRAINT " + Sql.ident(check[0]) + " " + check[1])
                                .comment("CONSTRAINT " + constraintName, catalog.comment(ObjectRef.PG_CONSTRAINT, constraint.oid(), 0)).toList()));
                    }
                    String kind;
                    switch (type) {
                        case 'e':
                            kind = "enum type";
                            s.add("CREATE TYPE " + name + " AS ENUM (" + String.join(", ", labels.getOrDefault(oid, List.of())) + ")");
                            break;
                        case 'c':
                            kind = "composite type";
                            s.add("CREATE TYPE " + name + " AS (" + String.join(", ", attributes.getOrDefault(oid, List.of())) + ")");
                            attributeComments.getOrDefault(oid, List.of()).forEach(c -> s.add("COMMENT ON COLUMN " + name + "." + c));
                            break;
                        case 'd':
                            kind = "domain";
                            StringBuilder sql = new StringBuilder("CREATE DOMAIN " + name + " AS " + rs.getString(6));
                            if (rs.getString(9) != null) {
                                sql.append(" COLLATE ").append(rs.getString(9));
                            }
                            if (rs.getString(8) != null) {
                                sql.append(" DEFAULT ").append(rs.getString(8));
                            }
                            if (rs.getBoolean(7)) {
                                // from 17 a domain's NOT NULL is a constraint with a name
                                sql.append(rs.getString(11) == null ? "" : " CONSTRAINT " + Sql.ident(rs.getString(11))).append(" NOT NULL");
                            }
                            s.add(sql.toString());
                            if (rs.getBoolean(10)) {
                                s.add("ALTER DOMAIN " + name + " DROP DEFAULT");
                            }
                            if (rs.getString(11) != null) {
                                s.comment("CONSTRAINT " + Sql.ident(rs.getString(11)) + " ON DOMAIN " + name,
                                        catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(12), 0));
                            }
                            for (SchemaObject check : checks) {
                                s.addAll(check.statements());
                            }
                            break;
                        case 'r':
                            kind = "range type";
                            s.add("CREATE TYPE " + name + " AS RANGE (" + ranges.get(oid) + ")");
                            if (canonical.contains(oid)) {
                                out.addShell(ObjectRef.of(ObjectRef.PG_TYPE, oid), name); // the function takes the range
                            }
                            break;
                        default:
                            throw new IllegalStateException("Unexpected type kind " + type + " of " + name);
                    }
                    s.comment(keyword + name, catalog.comment(ObjectRef.PG_TYPE, oid, 0));
                    s.owner(keyword + name, owner);
                    s.privileges(keyword + name, owner, acls.get(oid));
                    ObjectRef ref = ObjectRef.of(ObjectRef.PG_TYPE, oid);
                    out.add(SchemaObject.preData(ref, kind, name, s.toList()));
                    if (!checks.isEmpty()) {
                        List<String> all = s.toList();
                        Map<ObjectRef, SchemaObject> parts = new LinkedHashMap<>();
                        checks.forEach(check -> parts.put(check.ref(), check));
                        // the domain's statements without those of the separated checks
                        out.separable.put(ref, new Separable(parts, separated -> {
                            List<String> without = new ArrayList<>(all);
                            checks.stream().filter(check -> separated.contains(check.ref())).forEach(check -> without.removeAll(check.statements()));
                            return without;
                        }));
                    }
                });
    }

    /** The name and OID of a domain's NOT NULL constraint (17+), else NULLs. */
    private String domainNotNull() {
        if (catalog.version() < 170000) {
            return "NULL, NULL";
        }
        String constraint = "FROM pg_catalog.pg_constraint nn WHERE nn.contypid = t.oid AND nn.contype = 'n'";
        return "(SELECT nn.conname " + constraint + "), (SELECT nn.oid " + constraint + ")";
    }

    private Map<Long, String> readRanges() throws SQLException {
        Map<Long, String> ranges = new HashMap<>();
        String multirange = catalog.version() >= 140000
                // only a name other than the one the server would choose (range -> multirange, or a suffix)
                ? "(SELECT pg_catalog.quote_ident(mn.nspname) || '.' || pg_catalog.quote_ident(mt.typname) FROM pg_catalog.pg_type mt"
                  + " JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace JOIN pg_catalog.pg_type rt ON rt.oid = r.rngtypid"
                  + " WHERE mt.oid = r.rngmultitypid AND (mt.typnamespace <> rt.typnamespace OR mt.typname <>"
                  + "   CASE WHEN pg_catalog.strpos(rt.typname, 'range') > 0"
                  + "   THEN overlay(rt.typname::text PLACING 'multirange' FROM pg_catalog.strpos(rt.typname, 'range') FOR 5)"
                  + "   ELSE rt.typname || '_multirange' END))"
                : "NULL";
        catalog.query("SELECT r.rngtypid, pg_catalog.format_type(r.rngsubtype, NULL),"
                + " CASE WHEN NOT opc.opcdefault THEN pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END,"
                + " CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation"
                + "      THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END,"
                + " CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::pg_catalog.regproc::text END,"
                + " CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::pg_catalog.regproc::text END, "
                + multirange
                + " FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype"
                + " JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE r.rngtypid >= " + Catalog.FIRST_NORMAL_OID, rs -> {
                    StringBuilder sql = new StringBuilder("SUBTYPE = " + rs.getString(2));
                    if (rs.getString(3) != null) {
                        sql.append(", SUBTYPE_OPCLASS = ").append(rs.getString(3));
                    }
                    if (rs.getString(4) != null) {
                        sql.append(", COLLATION = ").append(rs.getString(4));
                    }
                    if (rs.getString(5) != null) {
                        sql.append(", SUBTYPE_DIFF = ").append(rs.getString(5));
                    }
                    if (rs.getString(6) != null) {
                        sql.append(", CANONICAL = ").append(rs.getString(6));
                        canonical.add(rs.getLong(1));
                    }
                    if (rs.getString(7) != null) {
                        sql.append(", MULTIRANGE_TYPE_NAME = ").append(rs.getString(7));
                    }
                    ranges.put(rs.getLong(1), sql.toString());
                });
        return ranges;
    }

    private void readCollations() throws SQLException {
        int v = catalog.version();
        String deterministic = v >= 120000 ? "c.collisdeterministic" : "true";
        String locale = v >= 170000 ? "c.colllocale" : v >= 150000 ? "c.colliculocale" : "c.collcollate";
        catalog.query("SELECT c.oid, n.nspname, c.collname, pg_catalog.pg_get_userbyid(c.collowner), c.collprovider,"
                + " pg_catalog.quote_literal(c.collcollate), pg_catalog.quote_literal(c.collctype), " + deterministic + ","
                + " pg_catalog.quote_literal(" + locale + ")"
                + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_collation", "c.oid")
                + " ORDER BY n.nspname, c.collname", rs -> {
                    long oid = rs.getLong(1);
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    String provider = rs.getString(5);
                    String options;
                    switch (provider) {
                        case "i":
                            options = "provider = icu, locale = " + rs.getString(9);
                            break;
                        case "b":
                            options = "provider = builtin, locale = " + rs.getString(9);
                            break;
                        default:
                            options = "provider = libc, lc_collate = " + rs.getString(6) + ", lc_ctype = " + rs.getString(7);
                    }
                    if (!rs.getBoolean(8)) {
                        options += ", deterministic = false";
                    }
                    Statements s = new Statements(roles).add("CREATE COLLATION " + name + " (" + options + ")");
                    s.comment("COLLATION " + name, catalog.comment(ObjectRef.PG_COLLATION, oid, 0));
                    s.owner("COLLATION " + name, rs.getString(4));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_COLLATION, oid), "collation", name, s.toList()));
                });
    }
}
