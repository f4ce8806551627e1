package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/** Logical decoding does not stream sequence values: they are set once more at cutover. */
public final class SequencesOnlineRule extends OnlineRule {
    public SequencesOnlineRule() {
        super("sequences-online", Severity.WARNING);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations("'S'") + " ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> sequences, RuleContext context) {
        return "The values of " + Names.count(sequences.size(), "sequence", "sequences") + " are not streamed; on the target they"
                + " stay behind until cutover sets them: " + Names.list(sequences) + ".";
    }

    @Override
    protected String remediation(List<String> sequences, RuleContext context) {
        return "Do not write to the target before cutover; cutover sets every sequence to the source's value.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No sequence.";
    }
}
