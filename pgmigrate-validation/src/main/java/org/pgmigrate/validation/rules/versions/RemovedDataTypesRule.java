package org.pgmigrate.validation.rules.versions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Columns and user types built on abstime, reltime or tinterval, which PostgreSQL 12 removed:
 * directly, or inside domains, arrays, composite and range types (found as pg_upgrade does).
 */
public final class RemovedDataTypesRule extends ObjectsRule {
    /** The removed types and every type that contains one, however deep. */
    private static final String AFFECTED_TYPES = "WITH RECURSIVE affected AS ("
            + " SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
            + "   AND t.typname IN ('abstime', 'reltime', 'tinterval')"
            + " UNION ALL SELECT * FROM ("
            + "   WITH a AS (SELECT oid FROM affected)"
            + "   SELECT t.oid FROM pg_catalog.pg_type t, a WHERE t.typtype = 'd' AND t.typbasetype = a.oid"
            + "   UNION ALL SELECT t.oid FROM pg_catalog.pg_type t, a WHERE t.typtype = 'b' AND t.typelem = a.oid"
            + "   UNION ALL SELECT t.oid FROM pg_catalog.pg_type t, pg_catalog.pg_class c, pg_catalog.pg_attribute att, a"
            + "     WHERE t.typtype = 'c' AND t.oid = c.reltype AND c.oid = att.attrelid AND NOT att.attisdropped AND att.atttypid = a.oid"
            + "   UNION ALL SELECT t.oid FROM pg_catalog.pg_type t, pg_catalog.pg_range r, a"
            + "     WHERE t.typtype = 'r' AND r.rngtypid = t.oid AND r.rngsubtype = a.oid"
            + " ) more)";

    public RemovedDataTypesRule() {
        super("removed-data-types", Category.VERSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion < 120000 && targetVersion >= 120000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().query(AFFECTED_TYPES
                + " SELECT n.nspname, c.relname, att.attname, pg_catalog.format_type(att.atttypid, att.atttypmod)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'v', 'f') AND att.attnum > 0 AND NOT att.attisdropped"
                + "   AND att.atttypid IN (SELECT oid FROM affected) AND " + CatalogSql.userNamespace("n")
                + " ORDER BY 1, 2, 3",
                row -> SqlNames.qualified(row.getString(1), row.getString(2)) + "." + SqlNames.ident(row.getString(3))
                        + " (" + row.getString(4) + ")");
    }

    @Override
    protected String problem(List<String> columns, RuleContext context) {
        return Names.count(columns.size(), "column uses", "columns use") + " abstime, reltime or tinterval, which PostgreSQL 12 removed"
                + " (the target runs " + context.target().majorVersion() + "): " + Names.list(columns) + ".";
    }

    @Override
    protected String remediation(List<String> columns, RuleContext context) {
        return "On the source, change each column to timestamptz, interval or tstzrange, e.g."
                + " ALTER TABLE <table> ALTER COLUMN <column> TYPE timestamptz USING <column>::timestamptz; (or drop the column),"
                + " and drop domains and types built on these types.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No column uses abstime, reltime or tinterval.";
    }
}
