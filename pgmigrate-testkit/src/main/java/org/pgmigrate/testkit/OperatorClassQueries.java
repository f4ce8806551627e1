package org.pgmigrate.testkit;

import java.util.List;

/**
 * The testkit's own queries for access methods, operator families and operator classes, in the
 * form of {@link CatalogQueries}. A family lists all its members; a class lists the members that
 * depend on it (the others are the family's loose members).
 */
final class OperatorClassQueries {
    /** One operator member of pg_amop {@code o}: strategy, operator, and what it is for. */
    private static final String OPERATOR = """
            format('%s %s%s', o.amopstrategy, o.amopopr::regoperator,
                   CASE WHEN o.amoppurpose = 'o'
                        THEN (SELECT format(' for order by %I.%I', sn.nspname, sf.opfname) FROM pg_opfamily sf
                              JOIN pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = o.amopsortfamily)
                        ELSE ' for search' END)""";
    /** One function member of pg_amproc {@code p}: support number, the types it is for, the function. */
    private static final String FUNCTION = """
            format('%s (%s, %s) %s', p.amprocnum, p.amproclefttype::regtype, p.amprocrighttype::regtype, p.amproc::regprocedure)""";

    private OperatorClassQueries() {}

    static List<String> all() {
        return List.of(accessMethods(), families(), classes());
    }

    private static String accessMethods() {
        // OIDs below 16384 are assigned at initdb: the built-in access methods.
        return """
                SELECT 'access method', quote_ident(a.amname), a.amtype AS type, a.amhandler AS handler,
                       obj_description(a.oid, 'pg_am') AS comment
                FROM pg_am a
                WHERE a.oid >= 16384 AND %s
                """.formatted(CatalogQueries.notExtensionMember("pg_am", "a.oid"));
    }

    private static String families() {
        return """
                SELECT 'operator family', format('%%I.%%I using %%I', n.nspname, f.opfname, am.amname),
                       pg_get_userbyid(f.opfowner) AS owner,
                       obj_description(f.oid, 'pg_opfamily') AS comment,
                       (SELECT string_agg(x.item, '; ' ORDER BY x.item COLLATE "C")
                        FROM (SELECT %s AS item FROM pg_amop o WHERE o.amopfamily = f.oid) x) AS operators,
                       (SELECT string_agg(x.item, '; ' ORDER BY x.item COLLATE "C")
                        FROM (SELECT %s AS item FROM pg_amproc p WHERE p.amprocfamily = f.oid) x) AS functions
                FROM pg_opfamily f
                JOIN pg_namespace n ON n.oid = f.opfnamespace
                JOIN pg_am am ON am.oid = f.opfmethod
                WHERE %s AND %s
                """.formatted(OPERATOR, FUNCTION, CatalogQueries.userSchema("n"),
                CatalogQueries.notExtensionMember("pg_opfamily", "f.oid"));
    }

    private static String classes() {
        return """
                SELECT 'operator class', format('%%I.%%I using %%I', n.nspname, c.opcname, am.amname),
                       c.opcintype::regtype AS type,
                       c.opcdefault AS default,
                       nullif(c.opckeytype, 0)::regtype AS storage,
                       (SELECT format('%%I.%%I', fn.nspname, f.opfname) FROM pg_opfamily f
                        JOIN pg_namespace fn ON fn.oid = f.opfnamespace WHERE f.oid = c.opcfamily) AS family,
                       pg_get_userbyid(c.opcowner) AS owner,
                       obj_description(c.oid, 'pg_opclass') AS comment,
                       (SELECT string_agg(x.item, '; ' ORDER BY x.item COLLATE "C")
                        FROM (SELECT %s AS item FROM pg_amop o WHERE %s) x) AS operators,
                       (SELECT string_agg(x.item, '; ' ORDER BY x.item COLLATE "C")
                        FROM (SELECT %s AS item FROM pg_amproc p WHERE %s) x) AS functions
                FROM pg_opclass c
                JOIN pg_namespace n ON n.oid = c.opcnamespace
                JOIN pg_am am ON am.oid = c.opcmethod
                WHERE %s AND %s
                """.formatted(OPERATOR, dependsOnClass("pg_amop", "o.oid"), FUNCTION, dependsOnClass("pg_amproc", "p.oid"),
                CatalogQueries.userSchema("n"), CatalogQueries.notExtensionMember("pg_opclass", "c.oid"));
    }

    private static String dependsOnClass(String catalog, String oidColumn) {
        return "EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = " + oidColumn
                + " AND d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid)";
    }
}
