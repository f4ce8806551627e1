package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.internal.OnlineRule;

/** A free WAL sender on the source to stream changes through. */
public final class FreeWalSendersRule extends OnlineRule {
    public FreeWalSendersRule() {
        super("free-wal-senders", Severity.FAILED);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        Server source = context.source();
        long senders = source.longSetting("max_wal_senders");
        long used = Long.parseLong(source.value("SELECT count(*) FROM pg_catalog.pg_stat_replication"));
        return senders - used < 1 ? List.of("max_wal_senders = " + senders + ", " + used + " in use") : List.of();
    }

    @Override
    protected String problem(List<String> settings, RuleContext context) {
        return "The source has no free WAL sender to stream changes through: " + settings.get(0) + ".";
    }

    @Override
    protected String remediation(List<String> settings, RuleContext context) {
        return "On the source: ALTER SYSTEM SET max_wal_senders = 10; (at least the replicas and migrations streaming at once,"
                + " plus one) then restart.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source has a free WAL sender.";
    }
}
