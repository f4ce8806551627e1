package org.pgmigrate.validation.rules.encoding;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * The collations the source's columns, indexes and domains use exist on the target. The system's
 * collations (imported from the operating system at initdb) are looked up by name; user-defined
 * ones are created by the migration, which needs ICU on the target for ICU collations.
 */
public final class CollationsOnTargetRule extends ObjectsRule {
    private static final String USED = "SELECT DISTINCT cn.nspname, co.collname, co.collprovider, co.oid >= " + CatalogSql.FIRST_USER_OID
            + " AND " + CatalogSql.notExtensionMember("pg_collation", "co.oid") + " AS user_defined FROM ("
            + " SELECT a.attcollation AS coll FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'm', 'v', 'f', 'c') AND " + CatalogSql.userNamespace("n")
            + " UNION SELECT pg_catalog.unnest(i.indcollation::pg_catalog.oid[]) FROM pg_catalog.pg_index i"
            + "  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE " + CatalogSql.userNamespace("n")
            + " UNION SELECT t.typcollation FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "  WHERE t.typtype = 'd' AND " + CatalogSql.userNamespace("n")
            + ") used JOIN pg_catalog.pg_collation co ON co.oid = used.coll JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE co.collname <> 'default'";

    public CollationsOnTargetRule() {
        super("collations-on-target", Category.ENCODING, Severity.FAILED, EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String[]> used = context.source().query(USED,
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3), String.valueOf(row.getBoolean(4))});
        Set<String> onTarget = new TreeSet<>(context.target().qualifiedNames("SELECT n.nspname, c.collname FROM pg_catalog.pg_collation c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
                + " WHERE c.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))"));
        boolean targetHasIcu = context.target().test("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_collation WHERE collprovider = 'i')");
        List<String> missing = new ArrayList<>();
        for (String[] collation : used) {
            String name = SqlNames.qualified(collation[0], collation[1]);
            boolean userDefined = Boolean.parseBoolean(collation[3]);
            if (userDefined ? collation[2].equals("i") && !targetHasIcu : !onTarget.contains(name)) {
                missing.add(name + (userDefined ? " (ICU)" : ""));
            }
        }
        missing.sort(null);
        return missing;
    }

    @Override
    protected String problem(List<String> collations, RuleContext context) {
        return "The target cannot provide " + Names.count(collations.size(), "collation", "collations") + " that columns, indexes"
                + " or domains of the source use: " + Names.list(collations) + ".";
    }

    @Override
    protected String remediation(List<String> collations, RuleContext context) {
        return "Install the operating system locales on the target server and import them"
                + " (SELECT pg_import_system_collations('pg_catalog');), or create the collations on the target"
                + " (CREATE COLLATION ... (provider = ..., locale = ...)); ICU collations need a server built with ICU.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target has every collation the source uses.";
    }
}
