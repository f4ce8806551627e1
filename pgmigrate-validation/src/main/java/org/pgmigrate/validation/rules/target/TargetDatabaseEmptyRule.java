package org.pgmigrate.validation.rules.target;

import static org.pgmigrate.validation.internal.CatalogSql.notExtensionMember;
import static org.pgmigrate.validation.internal.CatalogSql.userNamespace;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** The target database holds no user objects: pgmigrate copies into an empty database only. */
public final class TargetDatabaseEmptyRule extends ObjectsRule {
    private static final String USER_OBJECTS = "SELECT what FROM ("
            + " SELECT 'schema ' || pg_catalog.quote_ident(n.nspname) AS what FROM pg_catalog.pg_namespace n"
            + "  WHERE " + userNamespace("n") + " AND n.nspname <> 'public' AND " + notExtensionMember("pg_namespace", "n.oid")
            + " UNION ALL SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '"
            + "   WHEN 'f' THEN 'foreign table ' ELSE 'table ' END || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
            + "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + userNamespace("n") + " AND " + notExtensionMember("pg_class", "c.oid")
            + " UNION ALL SELECT 'function ' || p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "  WHERE " + userNamespace("n") + " AND " + notExtensionMember("pg_proc", "p.oid")
            + " UNION ALL SELECT 'type ' || t.oid::pg_catalog.regtype::text FROM pg_catalog.pg_type t"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "  WHERE t.typtype IN ('e', 'd', 'r', 'b') AND t.typcategory <> 'A' AND " + userNamespace("n")
            + "   AND " + notExtensionMember("pg_type", "t.oid")
            + " UNION ALL SELECT 'large object ' || o.oid FROM pg_catalog.pg_largeobject_metadata o"
            + ") objects ORDER BY 1";

    public TargetDatabaseEmptyRule() {
        super("target-database-empty", Category.TARGET_STATE, Severity.FAILED, Side.TARGET);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.target().strings(USER_OBJECTS);
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return "The target database " + SqlNames.ident(context.target().database()) + " is not empty; it holds "
                + Names.count(objects.size(), "object", "objects") + ": " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "pgmigrate copies into an empty database: drop these objects, or create a new database (CREATE DATABASE ...)"
                + " and point the target URL at it.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target database is empty.";
    }
}
