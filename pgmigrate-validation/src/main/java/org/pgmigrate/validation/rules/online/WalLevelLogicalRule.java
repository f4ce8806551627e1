package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.OnlineRule;

/** Logical decoding needs wal_level = logical on the source. */
public final class WalLevelLogicalRule extends OnlineRule {
    public WalLevelLogicalRule() {
        super("wal-level-logical", Severity.FAILED);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        String level = context.source().setting("wal_level");
        return "logical".equals(level) ? List.of() : List.of("wal_level = " + level);
    }

    @Override
    protected String problem(List<String> settings, RuleContext context) {
        return "The source has " + settings.get(0) + "; online migration streams changes by logical decoding, which needs wal_level = logical.";
    }

    @Override
    protected String remediation(List<String> settings, RuleContext context) {
        return "On the source: ALTER SYSTEM SET wal_level = logical; then restart the server (on Amazon RDS set rds.logical_replication = 1,"
                + " on Azure and Google Cloud set the wal_level / logical decoding flag in the server parameters).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source has wal_level = logical.";
    }
}
