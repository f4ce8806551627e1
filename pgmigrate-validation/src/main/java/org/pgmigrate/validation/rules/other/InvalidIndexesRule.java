package org.pgmigrate.validation.rules.other;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Invalid indexes (left by a failed CREATE INDEX CONCURRENTLY): the target builds them for real,
 * which takes time and, for a unique index, fails on the duplicates that made it invalid.
 */
public final class InvalidIndexesRule extends ObjectsRule {
    public InvalidIndexesRule() {
        super("invalid-indexes", Category.OTHER, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames("SELECT n.nspname, c.relname FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND " + CatalogSql.userNamespace("n") + " ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> indexes, RuleContext context) {
        return Names.count(indexes.size(), "index is", "indexes are") + " invalid on the source; the migration would build "
                + (indexes.size() == 1 ? "it" : "them") + " on the target (a unique one may fail): " + Names.list(indexes) + ".";
    }

    @Override
    protected String remediation(List<String> indexes, RuleContext context) {
        return "On the source, drop or rebuild them: " + Names.statements(indexes, i -> "REINDEX INDEX CONCURRENTLY " + i + ";")
                + " (or DROP INDEX CONCURRENTLY ...;).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No invalid index.";
    }
}
