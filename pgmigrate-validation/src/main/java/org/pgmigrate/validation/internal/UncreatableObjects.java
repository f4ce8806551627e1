package org.pgmigrate.validation.internal;

import static org.pgmigrate.validation.internal.CatalogSql.FIRST_USER_OID;
import static org.pgmigrate.validation.internal.CatalogSql.notExtensionMember;
import static org.pgmigrate.validation.internal.CatalogSql.userNamespace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the objects of the source that the target cannot create, changing nothing on either
 * server: objects only a superuser may create when the target role is not one, C functions whose
 * library or symbol the target lacks (found by creating a probe function over the same library
 * and symbol in a transaction that is rolled back: the C validator loads the library and looks
 * the symbol up), {@code LANGUAGE internal} functions naming a built-in the target's major does
 * not have, and objects naming a built-in function (a handler, an input function, ...) of which the
 * target has none of that name. The queries do not grow with the number of objects; the probes are one per
 * distinct library and symbol. Used by the validation rules and by the migration's preflight.
 */
public final class UncreatableObjects {
    /** Why an object cannot be created on the target. */
    public enum Reason {
        /** Only a superuser may create it, and the target role is not one. */
        SUPERUSER,
        /** The target cannot load its C code: the library or the symbol is missing there. */
        LIBRARY,
        /** It is {@code LANGUAGE internal} and names a built-in the target does not have. */
        BUILT_IN,
        /** It names a built-in function (a handler, an input function...) the target does not have. */
        FUNCTION
    }

    /**
     * One object of the source the target cannot create.
     *
     * @param catalog the OID of its system catalog (pg_proc, pg_type...), as pg_depend names it
     * @param oid its OID on the source
     * @param object how messages name it, e.g. {@code function public.f(integer)}
     * @param reason why it cannot be created
     * @param detail what the reason is about: the language, the server's error, the missing built-in; may be null
     */
    public record Uncreatable(long catalog, long oid, String object, Reason reason, String detail) {
        /** Why, as a clause: "only a superuser may create it (language c)". */
        public String why() {
            return switch (reason) {
                case SUPERUSER -> "only a superuser may create it" + (detail == null ? "" : " (" + detail + ")");
                case LIBRARY -> "the target cannot load its code: " + detail;
                case BUILT_IN -> "it names the built-in function " + detail + ", which the target's PostgreSQL does not have";
                case FUNCTION -> "it uses the function " + detail + ", which the target does not have";
            };
        }
    }

    /** Objects of the kinds only a superuser may create, each with the catalog and OID it has on the source. */
    private static final String NEEDING_SUPERUSER = String.join(" UNION ALL ",
            "SELECT 'pg_catalog.pg_type'::pg_catalog.regclass::pg_catalog.oid, t.oid, 'base type ' || t.oid::pg_catalog.regtype::text, NULL"
                    + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.typtype = 'b' AND t.typcategory <> 'A' AND " + userNamespace("n") + " AND " + notExtensionMember("pg_type", "t.oid"),
            "SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid, p.oid, 'function ' || p.oid::pg_catalog.regprocedure::text,"
                    + " 'language ' || l.lanname FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE NOT l.lanpltrusted AND " + userNamespace("n") + " AND " + notExtensionMember("pg_proc", "p.oid"),
            "SELECT 'pg_catalog.pg_event_trigger'::pg_catalog.regclass::pg_catalog.oid, e.oid, 'event trigger ' || pg_catalog.quote_ident(e.evtname),"
                    + " NULL FROM pg_catalog.pg_event_trigger e WHERE " + notExtensionMember("pg_event_trigger", "e.oid"),
            "SELECT 'pg_catalog.pg_ts_parser'::pg_catalog.regclass::pg_catalog.oid, p.oid, 'text search parser '"
                    + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.prsname), NULL"
                    + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                    + " WHERE p.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_ts_parser", "p.oid"),
            "SELECT 'pg_catalog.pg_ts_template'::pg_catalog.regclass::pg_catalog.oid, t.oid, 'text search template '"
                    + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.tmplname), NULL"
                    + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                    + " WHERE t.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_ts_template", "t.oid"),
            "SELECT 'pg_catalog.pg_language'::pg_catalog.regclass::pg_catalog.oid, l.oid, 'language ' || pg_catalog.quote_ident(l.lanname), NULL"
                    + " FROM pg_catalog.pg_language l WHERE l.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_language", "l.oid"),
            "SELECT 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass::pg_catalog.oid, w.oid, 'foreign-data wrapper '"
                    + " || pg_catalog.quote_ident(w.fdwname), NULL FROM pg_catalog.pg_foreign_data_wrapper w"
                    + " WHERE " + notExtensionMember("pg_foreign_data_wrapper", "w.oid"),
            "SELECT 'pg_catalog.pg_am'::pg_catalog.regclass::pg_catalog.oid, a.oid, 'access method ' || pg_catalog.quote_ident(a.amname), NULL"
                    + " FROM pg_catalog.pg_am a WHERE a.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_am", "a.oid"),
            "SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass::pg_catalog.oid, f.oid, 'operator family '"
                    + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(f.opfname), NULL"
                    + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opfamily", "f.oid"),
            "SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass::pg_catalog.oid, c.oid, 'operator class '"
                    + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.opcname), NULL"
                    + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opclass", "c.oid"),
            "SELECT 'pg_catalog.pg_cast'::pg_catalog.regclass::pg_catalog.oid, c.oid, 'cast ' || pg_catalog.format_type(c.castsource, NULL)"
                    + " || ' AS ' || pg_catalog.format_type(c.casttarget, NULL), 'without function' FROM pg_catalog.pg_cast c"
                    + " WHERE c.castmethod = 'b' AND c.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_cast", "c.oid"))
            + " ORDER BY 3";

    /** User functions in C (with the probe that tries their library and symbol) and in internal (with the built-in they name). */
    private static final String CODE = "SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid, p.oid,"
            + " 'function ' || p.oid::pg_catalog.regprocedure::text, l.lanname,"
            + " CASE l.lanname WHEN 'c' THEN 'CREATE FUNCTION pg_temp.pgmigrate_probe() RETURNS void LANGUAGE c AS '"
            + "   || pg_catalog.quote_literal(p.probin) || ', ' || pg_catalog.quote_literal(p.prosrc) ELSE p.prosrc END"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE l.lanname IN ('c', 'internal') AND " + userNamespace("n") + " AND " + notExtensionMember("pg_proc", "p.oid")
            + " ORDER BY 3";

    /** The built-in functions user objects name in their catalog rows (pg_depend does not record those). */
    private static final List<FunctionReferences> REFERENCES = List.of(
            new FunctionReferences("pg_am", "x.oid", "'access method ' || pg_catalog.quote_ident(x.amname)", "true", "amhandler"),
            new FunctionReferences("pg_language", "x.oid", "'language ' || pg_catalog.quote_ident(x.lanname)", "true",
                    "lanplcallfoid", "laninline", "lanvalidator"),
            new FunctionReferences("pg_foreign_data_wrapper", "x.oid", "'foreign-data wrapper ' || pg_catalog.quote_ident(x.fdwname)", "true",
                    "fdwhandler", "fdwvalidator"),
            new FunctionReferences("pg_type", "x.oid", "'base type ' || x.oid::pg_catalog.regtype::text", "x.typtype = 'b'",
                    "typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze"),
            new FunctionReferences("pg_conversion", "x.oid", "'conversion ' || pg_catalog.quote_ident(x.conname)", "true", "conproc"),
            new FunctionReferences("pg_ts_parser", "x.oid", "'text search parser ' || pg_catalog.quote_ident(x.prsname)", "true",
                    "prsstart", "prstoken", "prsend", "prsheadline", "prslextype"),
            new FunctionReferences("pg_ts_template", "x.oid", "'text search template ' || pg_catalog.quote_ident(x.tmplname)", "true",
                    "tmplinit", "tmpllexize"),
            new FunctionReferences("pg_operator", "x.oid", "'operator ' || x.oid::pg_catalog.regoperator::text", "true",
                    "oprcode", "oprrest", "oprjoin"),
            new FunctionReferences("pg_cast", "x.oid", "'cast ' || pg_catalog.format_type(x.castsource, NULL) || ' AS '"
                    + " || pg_catalog.format_type(x.casttarget, NULL)", "true", "castfunc"),
            new FunctionReferences("pg_trigger", "x.oid", "'trigger ' || pg_catalog.quote_ident(x.tgname) || ' on '"
                    + " || x.tgrelid::pg_catalog.regclass::text", "NOT x.tgisinternal", "tgfoid"),
            new FunctionReferences("pg_aggregate", "x.aggfnoid", "'aggregate ' || x.aggfnoid::pg_catalog.regprocedure::text", "true",
                    "aggtransfn", "aggfinalfn", "aggcombinefn", "aggserialfn", "aggdeserialfn", "aggmtransfn", "aggminvtransfn",
                    "aggmfinalfn"));

    /** Work a probe does on a session that may write; what it does is rolled back. */
    @FunctionalInterface
    public interface ProbeWork {
        void run(Connection session) throws SQLException;
    }

    /** Gives probes a session of the target whose writes are rolled back, only when there is something to probe. */
    @FunctionalInterface
    public interface ProbeSessions {
        void probe(ProbeWork work) throws SQLException;
    }

    private UncreatableObjects() {}

    /**
     * What the target cannot create, in the order of the kinds above, each object once.
     *
     * @param source a connection to the source database; search_path should be empty
     * @param target a connection to the target database, in autocommit mode (a transaction is then
     *     begun and rolled back) or in a read-write transaction (left as it was found)
     */
    public static List<Uncreatable> find(Connection source, Connection target) throws SQLException {
        boolean superuser = isSuperuser(target);
        List<Uncreatable> found = new ArrayList<>(superuser ? List.of() : needingSuperuser(source));
        Set<Long> known = new LinkedHashSet<>();
        found.forEach(u -> known.add(u.oid()));
        for (Uncreatable u : lackingCode(source, target, superuser, work -> work.run(target))) {
            if (known.add(u.oid())) {
                found.add(u);
            }
        }
        return found;
    }

    /** Whether the role of {@code connection} is a superuser. */
    public static boolean isSuperuser(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The source's objects of kinds only a superuser may create. */
    public static List<Uncreatable> needingSuperuser(Connection source) throws SQLException {
        List<Uncreatable> found = new ArrayList<>();
        query(source, NEEDING_SUPERUSER, rs -> found.add(new Uncreatable(rs.getLong(1), rs.getLong(2), rs.getString(3), Reason.SUPERUSER,
                rs.getString(4))));
        return found;
    }

    /**
     * The source's objects whose code the target lacks: C functions whose library or symbol it
     * cannot load (probed only when {@code targetSuperuser}: others cannot create C functions at
     * all), internal functions naming a built-in it does not have, objects naming a built-in
     * function it does not have.
     *
     * @param target a connection to the target database, for catalog queries
     * @param probeSessions where the probes run: a session of the target in autocommit mode (a
     *     transaction is then begun and rolled back) or in a read-write transaction (left as found)
     */
    public static List<Uncreatable> lackingCode(Connection source, Connection target, boolean targetSuperuser,
                                                ProbeSessions probeSessions) throws SQLException {
        Map<String, List<Uncreatable>> probes = new LinkedHashMap<>();
        Map<String, List<Uncreatable>> builtIns = new LinkedHashMap<>();
        query(source, CODE, rs -> {
            Uncreatable function = new Uncreatable(rs.getLong(1), rs.getLong(2), rs.getString(3), null, null);
            if (rs.getString(4).equals("c")) {
                if (targetSuperuser) {
                    probes.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(function);
                }
            } else {
                builtIns.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(function);
            }
        });
        Map<String, List<Uncreatable>> references = new LinkedHashMap<>();
        query(source, FunctionReferences.sql(REFERENCES), rs -> references.computeIfAbsent(rs.getString(4), k -> new ArrayList<>())
                .add(new Uncreatable(rs.getLong(1), rs.getLong(2), rs.getString(3), null, null)));
        List<Uncreatable> found = new ArrayList<>();
        for (String missing : missing(target, "SELECT s FROM pg_catalog.unnest(?::pg_catalog.text[]) s WHERE NOT EXISTS"
                + " (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.prolang = (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'internal')"
                + " AND p.oid < " + FIRST_USER_OID + " AND p.prosrc = s)", builtIns.keySet())) {
            builtIns.get(missing).forEach(f -> found.add(new Uncreatable(f.catalog(), f.oid(), f.object(), Reason.BUILT_IN, missing)));
        }
        // the statements name these by name, and the target finds the one its major has (14 gave conversion functions an argument)
        for (String missing : missing(target, "SELECT f FROM pg_catalog.unnest(?::pg_catalog.text[]) f WHERE NOT EXISTS"
                + " (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.oid < " + FIRST_USER_OID + " AND p.proname = f)", references.keySet())) {
            references.get(missing).forEach(o -> found.add(new Uncreatable(o.catalog(), o.oid(), o.object(), Reason.FUNCTION, missing)));
        }
        if (!probes.isEmpty()) {
            probeSessions.probe(session -> probe(session, probes.keySet(), (probe, error) -> probes.get(probe)
                    .forEach(f -> found.add(new Uncreatable(f.catalog(), f.oid(), f.object(), Reason.LIBRARY, error)))));
        }
        return found;
    }

    /**
     * For each of {@code objects}, what depends on it on the source and so cannot be created
     * either, as {@code pg_describe_object} names it: what {@code DROP ... CASCADE} would drop. A
     * column takes its relation with it, a generated column's expression too; a view's rule takes
     * the view; a column default or a table constraint goes alone. Parts that go with an object
     * listed (a table's row type, its indexes) are not listed. One query.
     */
    public static Map<Uncreatable, List<String>> dependents(Connection source, List<Uncreatable> objects) throws SQLException {
        Map<Uncreatable, List<String>> dependents = new LinkedHashMap<>();
        objects.forEach(o -> dependents.put(o, new ArrayList<>()));
        if (objects.isEmpty()) {
            return dependents;
        }
        Map<String, Uncreatable> byKey = new LinkedHashMap<>();
        objects.forEach(o -> byKey.put(o.catalog() + "/" + o.oid(), o));
        boolean generatedColumns = source.getMetaData().getDatabaseMajorVersion() >= 12;
        try (PreparedStatement ps = source.prepareStatement(dependentsSql(generatedColumns ? "a.attgenerated <> ''" : "false"))) {
            ps.setArray(1, source.createArrayOf("int8", objects.stream().map(Uncreatable::catalog).toArray()));
            ps.setArray(2, source.createArrayOf("int8", objects.stream().map(Uncreatable::oid).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dependents.get(byKey.get(rs.getLong(1) + "/" + rs.getLong(2))).add(rs.getString(3));
                }
            }
        }
        return dependents;
    }

    /**
     * What goes when the objects of the first two parameters (catalog OIDs, object OIDs) go, each
     * with the object it goes with. A dependent that is a generated column's expression is its
     * table (12+: {@code generated} is the condition that tells it).
     */
    private static String dependentsSql(String generated) {
        return "WITH RECURSIVE gone(rootclass, root, classid, objid) AS ("
                + " SELECT r.c::pg_catalog.oid, r.o::pg_catalog.oid, r.c::pg_catalog.oid, r.o::pg_catalog.oid"
                + " FROM ROWS FROM (pg_catalog.unnest(?::pg_catalog.int8[]), pg_catalog.unnest(?::pg_catalog.int8[])) AS r(c, o)"
                + " UNION"
                // what depends on a gone object, and what a gone object is an internal part of (a view of its rule)
                + " SELECT g.rootclass, g.root,"
                + "  CASE WHEN d.refclassid = g.classid AND d.refobjid = g.objid"
                + "   THEN CASE WHEN generated.relid IS NULL THEN d.classid ELSE 'pg_catalog.pg_class'::pg_catalog.regclass END"
                + "   ELSE d.refclassid END,"
                + "  CASE WHEN d.refclassid = g.classid AND d.refobjid = g.objid THEN COALESCE(generated.relid, d.objid) ELSE d.refobjid END"
                + " FROM gone g JOIN pg_catalog.pg_depend d"
                + "  ON (d.refclassid = g.classid AND d.refobjid = g.objid AND d.deptype IN ('n', 'a', 'i') AND d.objid >= " + FIRST_USER_OID + ")"
                + "  OR (d.classid = g.classid AND d.objid = g.objid AND d.deptype = 'i' AND d.refobjid >= " + FIRST_USER_OID + ")"
                + " CROSS JOIN LATERAL (SELECT CASE WHEN d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN"
                + "   (SELECT ad.adrelid FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid"
                + "    AND a.attnum = ad.adnum WHERE ad.oid = d.objid AND " + generated + ") END) generated(relid)"
                + ")"
                + " SELECT g.rootclass, g.root, pg_catalog.pg_describe_object(g.classid, g.objid, 0) FROM gone g"
                + " WHERE (g.classid, g.objid) <> (g.rootclass, g.root)"
                // parts of another gone object go without saying: a table's row type and indexes, a view's rule
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend p JOIN gone o ON o.root = g.root AND o.rootclass = g.rootclass"
                + "   AND o.classid = p.refclassid AND o.objid = p.refobjid"
                + "   WHERE p.classid = g.classid AND p.objid = g.objid AND p.objsubid = 0"
                + "   AND (p.deptype = 'i' OR (p.deptype = 'a' AND p.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass))"
                + "   AND (p.refclassid, p.refobjid) <> (g.classid, g.objid))"
                + " ORDER BY 1, 2, 3";
    }

    private static List<String> missing(Connection target, String sql, Set<String> names) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (names.isEmpty()) {
            return missing;
        }
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            ps.setArray(1, target.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getString(1));
                }
            }
        }
        return missing;
    }

    /** What a probe that failed does with the server's error. */
    @FunctionalInterface
    private interface ProbeFailure {
        void failed(String probe, String error);
    }

    /** Runs each probe in a savepoint that is rolled back, in a transaction that is rolled back when it began here. */
    private static void probe(Connection target, Set<String> probes, ProbeFailure failure) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Statement s = target.createStatement()) {
            for (String probe : probes) {
                try {
                    s.execute("SAVEPOINT pgmigrate_probe; " + probe);
                } catch (SQLException e) {
                    if (probeCannotRun(e.getSQLState())) {
                        throw e;
                    }
                    failure.failed(probe, serverMessage(e));
                }
                s.execute("ROLLBACK TO SAVEPOINT pgmigrate_probe; RELEASE SAVEPOINT pgmigrate_probe");
            }
        } finally {
            if (autoCommit) {
                target.rollback();
                target.setAutoCommit(true);
            }
        }
    }

    /**
     * Whether a probe failed for a reason of its session, not of the library: a read-only
     * transaction, a privilege, a connection, resources, a cancel. The library's own errors have
     * many states (undefined file, undefined function, a symbol the library cannot resolve...).
     */
    private static boolean probeCannotRun(String state) {
        return state == null || state.equals("25006") || state.equals("42501") || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57");
    }

    /** The server's message without the "ERROR: " pgjdbc puts first. */
    private static String serverMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("ERROR: ") ? message.substring("ERROR: ".length()) : message;
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    /**
     * Columns of a catalog that name functions, for the user objects of that catalog: rows of
     * (catalog, object OID, object, the function's name) for the functions of the system, which
     * the target must have under the same name.
     */
    private record FunctionReferences(String catalog, String oid, String object, String condition, String... columns) {
        static String sql(List<FunctionReferences> all) {
            List<String> parts = new ArrayList<>();
            for (FunctionReferences r : all) {
                for (String column : r.columns) {
                    parts.add("SELECT 'pg_catalog." + (r.catalog.equals("pg_aggregate") ? "pg_proc" : r.catalog) + "'::pg_catalog.regclass::pg_catalog.oid, "
                            + r.oid + ", " + r.object + ", (SELECT p.proname::text FROM pg_catalog.pg_proc p WHERE p.oid = x." + column + ")"
                            + " FROM pg_catalog." + r.catalog + " x WHERE " + r.oid + " >= " + FIRST_USER_OID
                            + " AND x." + column + "::pg_catalog.oid BETWEEN 1 AND " + (FIRST_USER_OID - 1)
                            + " AND " + r.condition + " AND " + notExtensionMember(r.catalog.equals("pg_aggregate") ? "pg_proc" : r.catalog, r.oid));
                }
            }
            return String.join(" UNION ALL ", parts) + " ORDER BY 3, 4";
        }
    }
}
