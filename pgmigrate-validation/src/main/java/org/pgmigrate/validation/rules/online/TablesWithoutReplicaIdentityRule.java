package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * Tables without a usable replica identity (no primary key under the default identity, identity
 * NOTHING, or an identity index that is gone): once published, UPDATE and DELETE on them fail on
 * the source, and the target could not find the rows anyway.
 */
public final class TablesWithoutReplicaIdentityRule extends OnlineRule {
    public TablesWithoutReplicaIdentityRule() {
        super("tables-without-replica-identity", Severity.FAILED);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations("'r'") + " AND c.relpersistence = 'p'"
                + " AND NOT (c.relreplident = 'f'"
                + "   OR (c.relreplident = 'd' AND EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))"
                + "   OR (c.relreplident = 'i' AND EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisreplident)))"
                + " ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> tables, RuleContext context) {
        return Names.count(tables.size(), "table has", "tables have") + " no primary key or other usable replica identity, so their"
                + " updates and deletes cannot be replicated (and fail on the source once published): " + Names.list(tables) + ".";
    }

    @Override
    protected String remediation(List<String> tables, RuleContext context) {
        return "On the source, give each a primary key (ALTER TABLE <table> ADD PRIMARY KEY (<columns>);), or a unique index on NOT NULL"
                + " columns as identity (ALTER TABLE <table> REPLICA IDENTITY USING INDEX <index>;), or as a last resort: "
                + Names.statements(tables, t -> "ALTER TABLE " + t + " REPLICA IDENTITY FULL;") + " Or migrate offline.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "Every table has a usable replica identity.";
    }
}
