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
 * Columns of the reg* types hold OIDs of catalog objects. The copy carries them as names that the
 * target resolves to its own OIDs, so each named object must exist there when the rows arrive.
 */
public final class RegTypeColumnsRule extends ObjectsRule {
    public RegTypeColumnsRule() {
        super("reg-type-columns", Category.VERSIONS, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().query("SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem"
                + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " + CatalogSql.userNamespace("n")
                + "   AND " + CatalogSql.notExtensionMember("pg_class", "c.oid")
                + "   AND (t.typname LIKE 'reg%' OR e.typname LIKE 'reg%')"
                + "   AND coalesce(e.typnamespace, t.typnamespace) = 'pg_catalog'::pg_catalog.regnamespace"
                + " ORDER BY 1, 2, 3",
                row -> SqlNames.qualified(row.getString(1), row.getString(2)) + "." + SqlNames.ident(row.getString(3))
                        + " (" + row.getString(4) + ")");
    }

    @Override
    protected String problem(List<String> columns, RuleContext context) {
        return Names.count(columns.size(), "column holds", "columns hold") + " references to catalog objects (reg* types), copied"
                + " by name: rows naming objects (roles, functions, types...) that do not exist on the target fail to load: "
                + Names.list(columns) + ".";
    }

    @Override
    protected String remediation(List<String> columns, RuleContext context) {
        return "Make sure every object these columns name exists on the target (create roles first), or store names as text instead.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No column holds reg* references.";
    }
}
