package org.pgmigrate.engine.internal.verify;

import static org.pgmigrate.engine.internal.verify.FactCatalog.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogs whose facts verification compares: every catalog that holds a part of what a
 * database dump carries. Objects of extensions are left to their extension (its version is
 * compared), except for privileges changed after it created them; objects of the system are
 * compared only where their privileges were changed.
 */
final class FactCatalogs {
    private FactCatalogs() {}

    /** Namespaces of user objects (not the system's, not the tool's journal). */
    static String userNamespace(String name) {
        return "(" + name + " NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
                + " AND " + name + " NOT LIKE 'pg\\_toast%' AND " + name + " NOT LIKE 'pg\\_temp\\_%')";
    }

    /** True unless the object is a member of an extension, which creates it. */
    static String notMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
    }

    /** The extension an object belongs to, as an anchor: its exclusion leaves the object out. */
    private static String extensionOf(String catalog, String oid) {
        return "'pg_catalog.pg_extension'::pg_catalog.regclass, (SELECT e.refobjid FROM pg_catalog.pg_depend e"
                + " WHERE e.classid = 'pg_catalog." + catalog + "'::pg_catalog.regclass AND e.objid = " + oid
                + " AND e.deptype = 'e' LIMIT 1)";
    }

    /** A user object of {@code catalog} in the namespace column {@code namespace}. */
    private static String userObject(String catalog, String namespace) {
        return "x.oid >= 16384 AND " + notMember(catalog, "x.oid")
                + " AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.oid = x." + namespace
                + " AND " + userNamespace("n.nspname") + ")";
    }

    /** A user object of a catalog without namespaces. */
    private static String userObject(String catalog) {
        return "x.oid >= 16384 AND " + notMember(catalog, "x.oid");
    }

    /**
     * True unless the server made the object as part of another (an array type, a table's row type,
     * a range type's constructors, its multirange type with its constructors and cast): those
     * follow the object they belong to, which is compared, and no dump carries them.
     */
    private static String notMadeWith(String catalog) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND i.objid = x.oid AND i.deptype = 'i')";
    }

    /** The relations whose columns, constraints, indexes, triggers... are compared. */
    static final String USER_RELATIONS = "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I', 'c')"
            + " AND " + userNamespace("n.nspname") + " AND " + notMember("pg_class", "c.oid");

    private static final String USER_TYPES = "SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = t.typnamespace WHERE " + userNamespace("n.nspname") + " AND " + notMember("pg_type", "t.oid");

    /**
     * A foreign key that the server made from another for a partition: of the referencing table
     * (named after the original or, when a partition had its own before it was attached, after
     * that one) or of the referenced table (under a name of the server's choosing). No dump names
     * them; they are known by the constraint they were made for and the tables they join.
     */
    private static final String FOREIGN_KEY_CLONE = "(x.contype = 'f' AND x.conparentid <> 0)";

    /** The constraint a cloned one was made for, at the top of the partition tree. */
    private static final String ROOT_CONSTRAINT = "(WITH RECURSIVE up(oid, parent) AS (SELECT x.oid, x.conparentid"
            + " UNION ALL SELECT p.oid, p.conparentid FROM pg_catalog.pg_constraint p JOIN up ON p.oid = up.parent)"
            + " SELECT up.oid FROM up WHERE up.parent = 0)";

    /** The position of a column among the columns that were not dropped: what column order means. */
    private static final String POSITION = "(SELECT pg_catalog.count(*) FROM pg_catalog.pg_attribute p WHERE p.attrelid = x.attrelid"
            + " AND p.attnum > 0 AND p.attnum <= x.attnum AND NOT p.attisdropped)";

    static List<FactCatalog> all() {
        List<FactCatalog> all = new ArrayList<>();
        all.add(FactCatalog.of("pg_namespace")
                .rows("(x.oid >= 16384 OR x.nspname = 'public') AND " + userNamespace("x.nspname") + " AND " + notMember("pg_namespace", "x.oid"))
                .build());
        all.add(FactCatalog.of("pg_class").rows("x.oid IN (" + USER_RELATIONS + ")")
                // physical state, statistics, and flags that may stay set after what set them is gone; the number of
                // CHECK constraints, which are compared one by one (pg_constraint names one that is missing)
                .ignore("relfilenode", "relpages", "reltuples", "relallvisible", "relallfrozen", "reltoastrelid", "relfrozenxid",
                        "relminmxid", "relhasindex", "relhassubclass", "relhastriggers", "relhasrules", "relnatts", "relrewrite",
                        "relhaspkey", "relisshared", "relchecks")
                .derive("relpartbound", "pg_catalog.pg_get_expr(x.relpartbound, x.oid)")
                // the storage parameters of its TOAST table, which CREATE TABLE sets as toast.*
                // (none, and no TOAST table at all, are one: a table gets one only for columns that may need it)
                .derive("toast reloptions", "NULLIF((SELECT CASE WHEN t.reloptions IS NOT NULL THEN pg_catalog.array_to_string(ARRAY("
                        + "SELECT o FROM pg_catalog.unnest(t.reloptions) o ORDER BY o COLLATE \"C\"), ', ') END"
                        + " FROM pg_catalog.pg_class t WHERE t.oid = x.reltoastrelid), '')")
                .build());
        all.add(FactCatalog.about("pg_attribute", "'pg_catalog.pg_class'::pg_catalog.regclass, x.attrelid, x.attnum").what("column")
                .rows("x.attnum > 0 AND NOT x.attisdropped AND x.attrelid IN (" + USER_RELATIONS
                        + " AND c.relkind NOT IN ('i', 'I', 'S'))")
                // attnum changes with dropped columns: the position is what counts; the array dimensions are not kept by any
                // dump; length, by-value and alignment are the type's (which a major may change: aclitem grew in 16); defaults
                // are compared as rows of pg_attrdef (one that is missing is named there); the relation names the column
                .ignore("attnum", "attcacheoff", "attndims", "atthasmissing", "attmissingval", "attisdropped", "attlen", "attbyval", "attalign",
                        "atthasdef", "attrelid")
                .derive("position", POSITION)
                // 17 made "default" NULL instead of -1
                .derive("attstattarget", "NULLIF(x.attstattarget::pg_catalog.int4, -1)")
                .build());
        all.add(FactCatalog.about("pg_attrdef", "'pg_catalog.pg_class'::pg_catalog.regclass, x.adrelid, x.adnum").what("default")
                .rows("x.adrelid IN (" + USER_RELATIONS + ")")
                .ignore("adnum", "adsrc")
                .derive("adbin", "pg_catalog.pg_get_expr(x.adbin, x.adrelid)")
                .build());
        all.add(FactCatalog.about("pg_constraint", "'pg_catalog.pg_constraint'::pg_catalog.regclass, CASE WHEN " + FOREIGN_KEY_CLONE
                        + " THEN " + ROOT_CONSTRAINT + " ELSE x.oid END, 0")
                .rows("(x.conrelid IN (" + USER_RELATIONS + ") OR x.contypid IN (" + USER_TYPES + "))")
                // named by the server, and not part of any dump: known by the constraint they were made for
                .suffix("CASE WHEN " + FOREIGN_KEY_CLONE + " THEN 'on ' || (pg_catalog.pg_identify_object('pg_catalog.pg_class'::pg_catalog.regclass,"
                        + " x.conrelid, 0)).identity || ' referencing ' || (pg_catalog.pg_identify_object("
                        + "'pg_catalog.pg_class'::pg_catalog.regclass, x.confrelid, 0)).identity END")
                .derive("conname", "CASE WHEN NOT " + FOREIGN_KEY_CLONE + " THEN x.conname::pg_catalog.text END")
                .derive("conparentid", "CASE WHEN x.conparentid <> 0 THEN 'made for its parent' END")
                // NO INHERIT means something for CHECK and NOT NULL constraints only
                .derive("connoinherit", "CASE WHEN x.contype IN ('c', 'n') THEN x.connoinherit::pg_catalog.text END")
                .anchor("CASE WHEN x.conrelid <> 0 THEN 'pg_catalog.pg_class'::pg_catalog.regclass"
                        + " ELSE 'pg_catalog.pg_type'::pg_catalog.regclass END, CASE WHEN x.conrelid <> 0 THEN x.conrelid ELSE x.contypid END")
                // the definition names the columns of a key, a foreign key's both sides, those it sets on delete,
                // and those an expression uses
                .ignore("consrc", "conkey", "confkey", "confdelsetcols")
                .derive("conbin", "pg_catalog.pg_get_constraintdef(x.oid)")
                .build());
        all.add(FactCatalog.about("pg_index", ref("pg_class", "x.indexrelid")).what("index")
                .rows("x.indrelid IN (" + USER_RELATIONS + ")")
                // the index itself names the fact; its definition names every column and a collation other than the
                // column's (whose own is compared in pg_attribute)
                .ignore("indcheckxmin", "indexprs", "indpred", "indexrelid", "indkey", "indcollation")
                .derive("definition", "pg_catalog.pg_get_indexdef(x.indexrelid)")
                .build());
        all.add(FactCatalog.about("pg_inherits", ref("pg_class", "x.inhrelid")).what("parent")
                .rows("x.inhrelid IN (" + USER_RELATIONS + ")")
                .suffix("(SELECT (pg_catalog.pg_identify_object('pg_catalog.pg_class'::pg_catalog.regclass, x.inhparent, 0)).identity)")
                // a child that leaves a parent, or is given its parents one by one, numbers them with gaps: the order is what counts
                .derive("inhseqno", "(SELECT pg_catalog.count(*) FROM pg_catalog.pg_inherits o WHERE o.inhrelid = x.inhrelid"
                        + " AND o.inhseqno <= x.inhseqno)")
                .build());
        all.add(FactCatalog.about("pg_partitioned_table", ref("pg_class", "x.partrelid")).what("partition key")
                .rows("x.partrelid IN (" + USER_RELATIONS + ")")
                .derive("partexprs", "pg_catalog.pg_get_partkeydef(x.partrelid)")
                .attnums("partattrs", "x.partrelid")
                .build());
        all.add(FactCatalog.about("pg_sequence", ref("pg_class", "x.seqrelid")).what("sequence options")
                .rows("x.seqrelid IN (" + USER_RELATIONS + ")").build());
        all.add(FactCatalog.of("pg_type").rows(userObject("pg_type", "typnamespace") + " AND " + notMadeWith("pg_type"))
                .ignore("typdefaultbin")
                .build());
        all.add(FactCatalog.about("pg_enum", ref("pg_type", "x.enumtypid")).what("label")
                .rows("x.enumtypid IN (" + USER_TYPES + ")")
                .suffix("pg_catalog.quote_literal(x.enumlabel)")
                // labels added later get fractional sort orders: the order is what counts
                .ignore("enumsortorder")
                .derive("position", "(SELECT pg_catalog.count(*) FROM pg_catalog.pg_enum o WHERE o.enumtypid = x.enumtypid"
                        + " AND o.enumsortorder <= x.enumsortorder)")
                .build());
        all.add(FactCatalog.about("pg_range", ref("pg_type", "x.rngtypid")).what("range")
                .rows("x.rngtypid IN (" + USER_TYPES + ")").build());
        all.add(FactCatalog.of("pg_proc").rows(userObject("pg_proc", "pronamespace") + " AND " + notMadeWith("pg_proc"))
                .derive("proargdefaults", "pg_catalog.pg_get_function_arguments(x.oid)")
                .derive("prosqlbody", "CASE WHEN x.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(x.oid) END")
                .build());
        all.add(FactCatalog.about("pg_aggregate", ref("pg_proc", "x.aggfnoid")).what("aggregate")
                .rows("x.aggfnoid IN (SELECT p.oid FROM pg_catalog.pg_proc p WHERE p.oid >= 16384 AND " + notMember("pg_proc", "p.oid") + ")")
                .build());
        // a shell operator (named as another's commutator or negator, never defined) is carried by no dump
        all.add(FactCatalog.of("pg_operator").rows(userObject("pg_operator", "oprnamespace") + " AND x.oprcode <> 0").build());
        all.add(FactCatalog.of("pg_opfamily").rows(userObject("pg_opfamily", "opfnamespace")).build());
        all.add(FactCatalog.of("pg_opclass").rows(userObject("pg_opclass", "opcnamespace")).build());
        String userFamily = "(SELECT f.oid FROM pg_catalog.pg_opfamily f WHERE f.oid >= 16384 AND " + notMember("pg_opfamily", "f.oid") + ")";
        all.add(FactCatalog.of("pg_amop").what("member").display(ref("pg_opfamily", "x.amopfamily"))
                .rows("x.amopfamily IN " + userFamily).build());
        all.add(FactCatalog.of("pg_amproc").what("member").display(ref("pg_opfamily", "x.amprocfamily"))
                .rows("x.amprocfamily IN " + userFamily).build());
        all.add(FactCatalog.of("pg_am").rows(userObject("pg_am")).build());
        all.add(FactCatalog.of("pg_cast").rows(userObject("pg_cast") + " AND " + notMadeWith("pg_cast")).build());
        // the version of the operating system's locale library is not part of the definition
        // the version of the operating system's locale library is not part of the definition; nor is the
        // encoding of a collation copied from one that serves any encoding, in a database of one encoding
        all.add(FactCatalog.of("pg_collation").rows(userObject("pg_collation", "collnamespace")).ignore("collversion", "collencoding").build());
        all.add(FactCatalog.of("pg_conversion").rows(userObject("pg_conversion", "connamespace")).build());
        all.add(FactCatalog.of("pg_language").rows(userObject("pg_language")).build());
        all.add(FactCatalog.of("pg_transform").rows(userObject("pg_transform")).build());
        all.add(FactCatalog.of("pg_trigger")
                // internal triggers (of foreign keys) are named after OIDs; their constraint is compared; the
                // clones of a partitioned table's trigger on its partitions (internal before 15) follow it, but
                // for their firing state (below)
                .rows("NOT x.tgisinternal AND x.tgrelid IN (" + USER_RELATIONS + ")")
                .rowsWhereColumn("tgparentid", "x.tgparentid = 0")
                .anchor("'pg_catalog.pg_class'::pg_catalog.regclass, x.tgrelid")
                .ignore("tgqual")
                .derive("definition", "pg_catalog.pg_get_triggerdef(x.oid)")
                .attnums("tgattr", "x.tgrelid")
                .build());
        // the clones of a partitioned table's trigger on its partitions: only their firing state is their own
        all.add(FactCatalog.of("pg_trigger").name("pg_trigger clones").what("state on this partition")
                .rows("x.tgrelid IN (" + USER_RELATIONS + ") AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                        + " WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid = x.oid"
                        + " AND d.refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass)"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.oid = x.tgconstraint AND c.contype = 'f')")
                .anchor("'pg_catalog.pg_class'::pg_catalog.regclass, x.tgrelid")
                .derive("tgenabled", "x.tgenabled::pg_catalog.text")
                .onlyDerived()
                .build());
        all.add(FactCatalog.of("pg_event_trigger").rows(userObject("pg_event_trigger")).build());
        all.add(FactCatalog.of("pg_rewrite")
                .rows("x.ev_class IN (" + USER_RELATIONS + ")")
                // a view's rule is its definition: reported as the view
                .display("CASE WHEN x.rulename = '_RETURN' THEN 'pg_catalog.pg_class'::pg_catalog.regclass"
                        + " ELSE 'pg_catalog.pg_rewrite'::pg_catalog.regclass END, CASE WHEN x.rulename = '_RETURN' THEN x.ev_class ELSE x.oid END, 0")
                .anchor("'pg_catalog.pg_class'::pg_catalog.regclass, x.ev_class")
                .ignore("ev_qual", "ev_action")
                .derive("definition", "pg_catalog.pg_get_ruledef(x.oid)")
                .build());
        all.add(FactCatalog.of("pg_policy")
                .rows("x.polrelid IN (" + USER_RELATIONS + ")")
                .anchor("'pg_catalog.pg_class'::pg_catalog.regclass, x.polrelid")
                .derive("polqual", "pg_catalog.pg_get_expr(x.polqual, x.polrelid)")
                .derive("polwithcheck", "pg_catalog.pg_get_expr(x.polwithcheck, x.polrelid)")
                .build());
        all.add(FactCatalog.of("pg_statistic_ext").rows(userObject("pg_statistic_ext", "stxnamespace"))
                .anchor("'pg_catalog.pg_class'::pg_catalog.regclass, x.stxrelid")
                .ignore("stxexprs", "stxndistinct", "stxdependencies")
                .derive("definition", "pg_catalog.pg_get_statisticsobjdef(x.oid)")
                .derive("stxstattarget", "NULLIF(x.stxstattarget::pg_catalog.int4, -1)")
                .attnums("stxkeys", "x.stxrelid")
                .build());
        all.add(FactCatalog.of("pg_ts_parser").rows(userObject("pg_ts_parser", "prsnamespace")).build());
        all.add(FactCatalog.of("pg_ts_template").rows(userObject("pg_ts_template", "tmplnamespace")).build());
        all.add(FactCatalog.of("pg_ts_dict").rows(userObject("pg_ts_dict", "dictnamespace")).build());
        all.add(FactCatalog.of("pg_ts_config").rows(userObject("pg_ts_config", "cfgnamespace")).build());
        all.add(FactCatalog.about("pg_ts_config_map", ref("pg_ts_config", "x.mapcfg")).what("mapping")
                .rows("x.mapcfg IN (SELECT c.oid FROM pg_catalog.pg_ts_config c WHERE c.oid >= 16384 AND "
                        + notMember("pg_ts_config", "c.oid") + ")")
                .suffix("x.maptokentype || '/' || x.mapseqno")
                .build());
        all.add(FactCatalog.of("pg_foreign_data_wrapper").rows(userObject("pg_foreign_data_wrapper")).build());
        all.add(FactCatalog.of("pg_foreign_server").rows(userObject("pg_foreign_server")).build());
        all.add(FactCatalog.of("pg_user_mapping")
                .rows("x.umserver IN (SELECT s.oid FROM pg_catalog.pg_foreign_server s WHERE s.oid >= 16384 AND "
                        + notMember("pg_foreign_server", "s.oid") + ")")
                .role("CASE WHEN x.umuser <> 0 THEN pg_catalog.pg_get_userbyid(x.umuser) END").secret()
                .build());
        all.add(FactCatalog.about("pg_foreign_table", ref("pg_class", "x.ftrelid")).what("foreign table options")
                .rows("x.ftrelid IN (" + USER_RELATIONS + ")").build());
        all.add(FactCatalog.of("pg_publication").rows("x.pubname NOT LIKE 'pgmigrate\\_%'").build());
        all.add(FactCatalog.of("pg_publication_rel")
                .rows("x.prpubid IN (SELECT p.oid FROM pg_catalog.pg_publication p WHERE p.pubname NOT LIKE 'pgmigrate\\_%')")
                .derive("prqual", "pg_catalog.pg_get_expr(x.prqual, x.prrelid)")
                .attnums("prattrs", "x.prrelid")
                .build());
        all.add(FactCatalog.of("pg_publication_namespace")
                .rows("x.pnpubid IN (SELECT p.oid FROM pg_catalog.pg_publication p WHERE p.pubname NOT LIKE 'pgmigrate\\_%')")
                .build());
        // subscriptions are created disabled, by design; the database they belong to has another OID
        all.add(FactCatalog.of("pg_subscription")
                .rows("x.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())")
                .ignore("subdbid", "subenabled", "subskiplsn").secret()
                .build());
        // the extension's own objects come with it; its owner is whoever created it
        all.add(FactCatalog.of("pg_extension").ignore("extowner").build());
        all.add(FactCatalog.of("pg_default_acl").role("pg_catalog.pg_get_userbyid(x.defaclrole)").build());
        all.add(FactCatalog.about("pg_description", "x.classoid, x.objoid, x.objsubid").what("comment")
                .rows(describedUserObject("x.classoid", "x.objoid"))
                .ignore("classoid", "objoid", "objsubid")
                .build());
        all.add(FactCatalog.about("pg_seclabel", "x.classoid, x.objoid, x.objsubid").what("security label")
                .rows(describedUserObject("x.classoid", "x.objoid"))
                .suffix("x.provider")
                .ignore("classoid", "objoid", "objsubid", "provider")
                .build());
        all.add(FactCatalog.of("pg_largeobject_metadata").object(ref("pg_largeobject", "x.oid")).build());
        all.add(FactCatalog.about("pg_depend", "x.classid, x.objid, x.objsubid").what("dependency")
                .rows(dependencies())
                .suffix("'on ' || (SELECT i.type || ' ' || i.identity FROM pg_catalog.pg_identify_object(x.refclassid, x.refobjid,"
                        + " x.refobjsubid) i) || CASE x.deptype WHEN 'a' THEN ' (owned by)' ELSE ' (extension)' END")
                .onlyDerived()
                .build());
        // the database by any name: the target's may be called otherwise
        all.add(FactCatalog.about("pg_database", null)
                .rows("x.datname = pg_catalog.current_database()")
                .derive("datdba", "x.datdba")
                .derive("datacl", "x.datacl")
                .derive("datconnlimit", "x.datconnlimit")
                .derive("comment", "pg_catalog.shobj_description(x.oid, 'pg_database')")
                .onlyDerived()
                .build());
        all.add(FactCatalog.about("pg_db_role_setting", null).what("settings")
                .rows("x.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())")
                .suffix("CASE WHEN x.setrole = 0 THEN 'of the database' ELSE 'of role ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.setrole)) END")
                .role("CASE WHEN x.setrole <> 0 THEN pg_catalog.pg_get_userbyid(x.setrole) END")
                .derive("setconfig", "x.setconfig")
                .onlyDerived()
                .build());
        all.addAll(changedPrivileges());
        return all;
    }

    /** An ACL's items in a fixed order: GRANT and REVOKE may leave the same items in another order. */
    private static String sorted(String acl) {
        return "CASE WHEN " + acl + " IS NOT NULL THEN ARRAY(SELECT i::pg_catalog.text FROM pg_catalog.unnest(" + acl + ") i ORDER BY 1) END";
    }

    /** A comment or label on a user object, not on one an extension or the system created. */
    private static String describedUserObject(String classoid, String objoid) {
        // a comment whose object is gone (COMMENT ON SUBSCRIPTION of one since dropped, which some majors leave
        // behind and cannot identify) is not one; CASE keeps the test before the calls that would fail
        // and the OID's test first: the system's thousands of comments are not identified one by one
        return "CASE WHEN " + classoid + " = 'pg_catalog.pg_subscription'::pg_catalog.regclass"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_subscription s WHERE s.oid = " + objoid + ") THEN false"
                + " ELSE (" + objoid + " >= 16384 OR (" + classoid + " = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND " + objoid + " = 2200))"
                + " AND (pg_catalog.pg_identify_object(" + classoid + ", " + objoid + ", 0)).identity IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = " + classoid
                + " AND e.objid = " + objoid + " AND e.deptype = 'e')"
                + " AND " + userNamespace("COALESCE((pg_catalog.pg_identify_object(" + classoid + ", " + objoid + ", 0)).schema, '')") + " END";
    }

    /**
     * Dependencies that no other fact shows: a sequence owned by a column (OWNED BY) and an object
     * that depends on an extension (DEPENDS ON EXTENSION). Every other dependency follows from a
     * definition compared on its own, and some record only the order objects were created in (a
     * function made after a transform for its argument type depends on it).
     */
    private static String dependencies() {
        return "x.objid >= 16384 AND (x.deptype = 'x' OR (x.deptype = 'a' AND x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND x.refobjsubid > 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_class s WHERE s.oid = x.objid AND s.relkind = 'S')))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = x.classid AND e.objid = x.objid AND e.deptype = 'e')"
                // the schema of the row's object as identified for the fact (o): once, and only for the rows left; called
                // here, pg_identify_object looks cheap to the planner, which tested it first, three times for every row
                + " AND " + userNamespace("COALESCE(o.schema, '')");
    }

    /**
     * Privileges that pg_dump carries on objects it does not create: those of an extension's
     * objects changed after the extension created them, and those of system objects changed after
     * initdb. Each is a fact only where the privileges differ from the initial ones.
     */
    private static List<FactCatalog> changedPrivileges() {
        String[][] catalogs = {
            {"pg_class", "relacl", "relnamespace", "(CASE WHEN x.relkind = 'S' THEN 's' ELSE 'r' END)::pg_catalog.\"char\", x.relowner"},
            {"pg_proc", "proacl", "pronamespace", "'f', x.proowner"}, {"pg_type", "typacl", "typnamespace", "'T', x.typowner"},
            {"pg_namespace", "nspacl", null, "'n', x.nspowner"}, {"pg_language", "lanacl", null, "'l', x.lanowner"},
            {"pg_foreign_data_wrapper", "fdwacl", null, "'F', x.fdwowner"}, {"pg_foreign_server", "srvacl", null, "'S', x.srvowner"},
        };
        List<FactCatalog> facts = new ArrayList<>();
        for (String[] c : catalogs) {
            // without initial privileges recorded, the object started with the built-in ones
            String initial = "COALESCE((SELECT ip.initprivs FROM pg_catalog.pg_init_privs ip WHERE ip.classoid = 'pg_catalog." + c[0]
                    + "'::pg_catalog.regclass AND ip.objoid = x.oid AND ip.objsubid = 0), pg_catalog.acldefault(" + c[3] + "))";
            String changed = "x." + c[1] + " IS NOT NULL AND " + sorted("x." + c[1]) + " IS DISTINCT FROM " + sorted(initial);
            // information_schema is made after initdb records the initial privileges: its own are not changes
            // (and the public schema is a user object)
            String memberOrSystem = "((x.oid < 16384 AND " + (c[2] == null ? (c[0].equals("pg_namespace") ? "x.nspname" : "''")
                    : "(SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = x." + c[2] + ")")
                    + " NOT IN ('information_schema', 'public')) OR NOT " + notMember(c[0], "x.oid") + ")";
            String notTemporary = c[2] == null ? "true"
                    : "EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.oid = x." + c[2]
                      + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%')";
            facts.add(FactCatalog.of(c[0]).name(c[0] + " privileges").what("privileges")
                    // privileges once set are never NULL again: test that first, it spares the others on most rows
                    .rows(changed + " AND " + memberOrSystem + " AND " + notTemporary)
                    .anchor(extensionOf(c[0], "x.oid"))
                    .derive(c[1], "x." + c[1])
                    .onlyDerived()
                    .build());
        }
        facts.add(FactCatalog.about("pg_attribute", "'pg_catalog.pg_class'::pg_catalog.regclass, x.attrelid, x.attnum")
                .name("pg_attribute privileges").what("privileges")
                // a column without initial privileges started with none: an empty ACL is no change
                .rows("x.attacl IS NOT NULL AND x.attnum > 0 AND NOT x.attisdropped"
                        + " AND (NOT " + notMember("pg_class", "x.attrelid") + " OR (x.attrelid < 16384 AND EXISTS (SELECT 1"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = x.attrelid"
                        + " AND n.nspname NOT IN ('information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_toast%')))"
                        + " AND " + sorted("COALESCE(x.attacl, '{}')") + " IS DISTINCT FROM " + sorted("COALESCE((SELECT ip.initprivs"
                        + " FROM pg_catalog.pg_init_privs ip WHERE ip.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                        + " AND ip.objoid = x.attrelid AND ip.objsubid = x.attnum), '{}')"))
                .anchor(extensionOf("pg_class", "x.attrelid"))
                .derive("attacl", "x.attacl")
                .onlyDerived()
                .build());
        return facts;
    }
}
