package org.pgmigrate.engine.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Functions, procedures, aggregates, operators and casts. */
final class RoutineReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    private final int targetVersion;

    RoutineReader(Catalog catalog, TargetRoles roles, SourceSchema out, int targetVersion) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.targetVersion = targetVersion;
    }

    void read() throws SQLException {
        readRoutines();
        readOperators();
        readCasts();
    }

    private void readRoutines() throws SQLException {
        Map<Long, List<Grant>> acls = catalog.acls("pg_proc", "oid", "proacl");
        catalog.query("SELECT p.oid, n.nspname, p.proname, p.prokind, pg_catalog.pg_get_userbyid(p.proowner),"
                + " pg_catalog.pg_get_function_identity_arguments(p.oid),"
                + " CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END,"
                + " pg_catalog.pg_get_function_arguments(p.oid), p.pronargs, pg_catalog.oidvectortypes(p.proargtypes)"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_proc", "p.oid")
                + " ORDER BY n.nspname, p.proname, 6", rs -> {
                    long oid = rs.getLong(1);
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    char kind = rs.getString(4).charAt(0);
                    // an aggregate of no arguments is written (*); an ordered-set one's arguments have ORDER BY,
                    // which GRANT does not take: it names the function by its argument types alone
                    boolean star = kind == 'a' && rs.getInt(9) == 0;
                    String signature = name + (star ? "(*)" : "(" + rs.getString(6) + ")");
                    String grantSignature = kind == 'a' ? name + "(" + rs.getString(10) + ")" : signature;
                    String keyword = kind == 'p' ? "PROCEDURE " : kind == 'a' ? "AGGREGATE " : "FUNCTION ";
                    Statements s = new Statements(roles);
                    if (kind == 'a') {
                        s.add(aggregate(oid, name, star ? "*" : rs.getString(8)));
                    } else {
                        s.add(rs.getString(7));
                    }
                    s.comment(keyword + signature, catalog.comment(ObjectRef.PG_PROC, oid, 0));
                    s.owner(keyword + signature, rs.getString(5));
                    s.privileges((kind == 'p' ? "PROCEDURE " : "FUNCTION ") + grantSignature, rs.getString(5), acls.get(oid));
                    String kindName = kind == 'p' ? "procedure" : kind == 'a' ? "aggregate" : "function";
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_PROC, oid), kindName, signature, s.toList()));
                });
    }

    private String aggregate(long oid, String name, String arguments) throws SQLException {
        List<String> options = new ArrayList<>();
        String[] kind = new String[1];
        catalog.query("SELECT a.aggkind, a.aggtransfn::pg_catalog.regproc::text, pg_catalog.format_type(a.aggtranstype, NULL),"
                + " a.aggtransspace, NULLIF(a.aggfinalfn, 0)::pg_catalog.regproc::text, a.aggfinalextra, a.aggfinalmodify,"
                + " NULLIF(a.aggcombinefn, 0)::pg_catalog.regproc::text, NULLIF(a.aggserialfn, 0)::pg_catalog.regproc::text,"
                + " NULLIF(a.aggdeserialfn, 0)::pg_catalog.regproc::text, pg_catalog.quote_literal(a.agginitval),"
                + " NULLIF(a.aggmtransfn, 0)::pg_catalog.regproc::text, NULLIF(a.aggminvtransfn, 0)::pg_catalog.regproc::text,"
                + " CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END, a.aggmtransspace,"
                + " NULLIF(a.aggmfinalfn, 0)::pg_catalog.regproc::text, a.aggmfinalextra, a.aggmfinalmodify,"
                + " pg_catalog.quote_literal(a.aggminitval),"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(on2.nspname) || '.' || o.oprname || ')' FROM pg_catalog.pg_operator o"
                + "   JOIN pg_catalog.pg_namespace on2 ON on2.oid = o.oprnamespace WHERE o.oid = a.aggsortop),"
                + " p.proparallel"
                + " FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid WHERE a.aggfnoid = " + oid, rs -> {
                    kind[0] = rs.getString(1);
                    options.add("SFUNC = " + rs.getString(2));
                    options.add("STYPE = " + rs.getString(3));
                    addIf(options, "SSPACE", rs.getInt(4) > 0 ? String.valueOf(rs.getInt(4)) : null);
                    addIf(options, "FINALFUNC", rs.getString(5));
                    if (rs.getBoolean(6)) {
                        options.add("FINALFUNC_EXTRA");
                    }
                    if (rs.getString(5) != null) {
                        addIf(options, "FINALFUNC_MODIFY", modify(rs.getString(7)));
                    }
                    addIf(options, "COMBINEFUNC", rs.getString(8));
                    addIf(options, "SERIALFUNC", rs.getString(9));
                    addIf(options, "DESERIALFUNC", rs.getString(10));
                    addIf(options, "INITCOND", rs.getString(11));
                    addIf(options, "MSFUNC", rs.getString(12));
                    addIf(options, "MINVFUNC", rs.getString(13));
                    addIf(options, "MSTYPE", rs.getString(14));
                    addIf(options, "MSSPACE", rs.getInt(15) > 0 ? String.valueOf(rs.getInt(15)) : null);
                    addIf(options, "MFINALFUNC", rs.getString(16));
                    if (rs.getBoolean(17)) {
                        options.add("MFINALFUNC_EXTRA");
                    }
                    if (rs.getString(16) != null) {
                        addIf(options, "MFINALFUNC_MODIFY", modify(rs.getString(18)));
                    }
                    addIf(options, "MINITCOND", rs.getString(19));
                    addIf(options, "SORTOP", rs.getString(20));
                    addIf(options, "PARALLEL", parallel(rs.getString(21)));
                });
        if ("h".equals(kind[0])) {
            options.add("HYPOTHETICAL");
        }
        return "CREATE AGGREGATE " + name + " (" + arguments + ") (\n    " + String.join(",\n    ", options) + "\n)";
    }

    /** Adds {@code NAME = value} to an option list when the value is set. */
    static void addIf(List<String> options, String name, String value) {
        if (value != null) {
            options.add(name + " = " + value);
        }
    }

    private static String modify(String code) {
        switch (code) {
            case "s":
                return "SHAREABLE";
            case "w":
                return "READ_WRITE";
            default:
                return "READ_ONLY";
        }
    }

    private static String parallel(String code) {
        switch (code) {
            case "s":
                return "SAFE";
            case "r":
                return "RESTRICTED";
            default:
                return null;
        }
    }

    private void readOperators() throws SQLException {
        catalog.query("SELECT o.oid, n.nspname, o.oprname, pg_catalog.pg_get_userbyid(o.oprowner),"
                + " CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END,"
                + " CASE WHEN o.oprright <> 0 THEN pg_catalog.format_type(o.oprright, NULL) END,"
                + " o.oprcode::pg_catalog.regproc::text,"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(cn.nspname) || '.' || c.oprname || ')' FROM pg_catalog.pg_operator c"
                + "   JOIN pg_catalog.pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom),"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(cn.nspname) || '.' || c.oprname || ')' FROM pg_catalog.pg_operator c"
                + "   JOIN pg_catalog.pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprnegate),"
                + " NULLIF(o.oprrest, 0)::pg_catalog.regproc::text, NULLIF(o.oprjoin, 0)::pg_catalog.regproc::text,"
                + " o.oprcanhash, o.oprcanmerge, o.oprkind, o.oprcom, o.oprnegate"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND o.oprcode <> 0 AND " + Dependencies.notMember("pg_operator", "o.oid")
                + " ORDER BY n.nspname, o.oprname", rs -> {
                    String name = Sql.ident(rs.getString(2)) + "." + rs.getString(3);
                    String signature = name + " (" + orNone(rs.getString(5)) + ", " + orNone(rs.getString(6)) + ")";
                    if (rs.getString(14).equals("r") && targetVersion >= 140000) {
                        out.warnings.add(MigrationWarning.of(WarningCodes.UNSUPPORTED_OBJECT,
                                "Postfix operators do not exist in PostgreSQL 14 and later; rewrite them as functions or prefix operators.",
                                List.of("OPERATOR " + signature)));
                        return;
                    }
                    ObjectRef operator = ObjectRef.of(ObjectRef.PG_OPERATOR, rs.getLong(1));
                    out.add(SchemaObject.preData(operator, "operator", signature, operatorStatements(rs, name, signature)));
                    // the first of two commutators (or negators) creates the other as a shell: two at once would both try
                    for (long other : new long[] {rs.getLong(15), rs.getLong(16)}) {
                        if (other != 0 && other < operator.oid()) {
                            out.dependsOn(operator, ObjectRef.of(ObjectRef.PG_OPERATOR, other));
                        }
                    }
                });
    }

    private List<String> operatorStatements(ResultSet rs, String name, String signature) throws SQLException {
        List<String> options = new ArrayList<>();
        options.add("FUNCTION = " + rs.getString(7));
        addIf(options, "LEFTARG", rs.getString(5));
        addIf(options, "RIGHTARG", rs.getString(6));
        addIf(options, "COMMUTATOR", rs.getString(8));
        addIf(options, "NEGATOR", rs.getString(9));
        addIf(options, "RESTRICT", rs.getString(10));
        addIf(options, "JOIN", rs.getString(11));
        if (rs.getBoolean(12)) {
            options.add("HASHES");
        }
        if (rs.getBoolean(13)) {
            options.add("MERGES");
        }
        Statements s = new Statements(roles).add("CREATE OPERATOR " + name + " (" + String.join(", ", options) + ")");
        s.comment("OPERATOR " + signature, catalog.comment(ObjectRef.PG_OPERATOR, rs.getLong(1), 0));
        s.owner("OPERATOR " + signature, rs.getString(4));
        return s.toList();
    }

    private static String orNone(String type) {
        return type == null ? "NONE" : type;
    }

    private void readCasts() throws SQLException {
        catalog.query("SELECT c.oid, pg_catalog.format_type(c.castsource, NULL), pg_catalog.format_type(c.casttarget, NULL),"
                + " NULLIF(c.castfunc, 0)::pg_catalog.regprocedure::text, c.castcontext, c.castmethod"
                + " FROM pg_catalog.pg_cast c WHERE c.oid >= " + Catalog.FIRST_NORMAL_OID
                + " AND " + Dependencies.notMember("pg_cast", "c.oid") + " ORDER BY 2, 3", rs -> {
                    String pair = "(" + rs.getString(2) + " AS " + rs.getString(3) + ")";
                    String method;
                    switch (rs.getString(6)) {
                        case "f":
                            method = " WITH FUNCTION " + rs.getString(4);
                            break;
                        case "i":
                            method = " WITH INOUT";
                            break;
                        default:
                            method = " WITHOUT FUNCTION";
                    }
                    String context = rs.getString(5).equals("a") ? " AS ASSIGNMENT" : rs.getString(5).equals("i") ? " AS IMPLICIT" : "";
                    Statements s = new Statements(roles).add("CREATE CAST " + pair + method + context);
                    s.comment("CAST " + pair, catalog.comment(ObjectRef.PG_CAST, rs.getLong(1), 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_CAST, rs.getLong(1)), "cast", "CAST " + pair, s.toList()));
                });
    }
}
