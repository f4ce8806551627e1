package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/** Unlogged tables are copied once, but their changes never reach the WAL, so none are streamed. */
public final class UnloggedTablesRule extends OnlineRule {
    public UnloggedTablesRule() {
        super("unlogged-tables", Severity.WARNING);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations("'r', 'p'") + " AND c.relpersistence = 'u' ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> tables, RuleContext context) {
        return Names.count(tables.size(), "unlogged table is", "unlogged tables are") + " copied once; changes made to them"
                + " afterwards are not replicated: " + Names.list(tables) + ".";
    }

    @Override
    protected String remediation(List<String> tables, RuleContext context) {
        return "If their contents matter, on the source: " + Names.statements(tables, t -> "ALTER TABLE " + t + " SET LOGGED;")
                + " Or migrate offline.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No unlogged table.";
    }
}
