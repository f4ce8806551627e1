package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * Schema changes (DDL) are not replicated. Partitioned tables make that likely to matter: new
 * partitions are created by DDL, and rows routed into one that the target lacks stop the replay.
 */
public final class DdlNotReplicatedRule extends OnlineRule {
    public DdlNotReplicatedRule() {
        super("ddl-not-replicated", Severity.WARNING);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations("'p'") + " AND NOT c.relispartition ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> tables, RuleContext context) {
        return "Schema changes are not replicated, and the source has "
                + Names.count(tables.size(), "partitioned table", "partitioned tables")
                + " whose new partitions would be created by DDL: " + Names.list(tables) + ".";
    }

    @Override
    protected String remediation(List<String> tables, RuleContext context) {
        return "Create the partitions needed until cutover before migrating (or pause the job that creates them),"
                + " and make no other schema change on the source until cutover.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No partitioned table; still, schema changes made on the source before cutover are not replicated.";
    }
}
