package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * Transactions open for long on the source: creating the replication slot waits until every
 * transaction running at that moment has ended.
 */
public class LongRunningTransactionsRule extends OnlineRule {
    private final Duration threshold;

    public LongRunningTransactionsRule() {
        this(Duration.ofMinutes(10));
    }

    /** A rule that reports transactions older than {@code threshold}. */
    protected LongRunningTransactionsRule(Duration threshold) {
        super("long-running-transactions", Severity.WARNING);
        this.threshold = threshold;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        // statement_timestamp(), not now(): validation's own transaction started a while ago
        return context.source().strings("SELECT 'session ' || a.pid || coalesce(' of ' || pg_catalog.quote_ident(a.usename::text), '')"
                + " || ' open since ' || pg_catalog.date_trunc('second', a.xact_start)"
                + " FROM pg_catalog.pg_stat_activity a WHERE a.xact_start < pg_catalog.statement_timestamp() - ? * interval '1 millisecond'"
                + " AND a.pid <> pg_catalog.pg_backend_pid() ORDER BY a.xact_start", threshold.toMillis());
    }

    @Override
    protected String problem(List<String> sessions, RuleContext context) {
        return Names.count(sessions.size(), "transaction has", "transactions have") + " been open on the source for more than "
                + describe(threshold) + "; the migration cannot start streaming until they end: " + Names.list(sessions) + ".";
    }

    @Override
    protected String remediation(List<String> sessions, RuleContext context) {
        return "End them before migrating (commit or roll back; or on the source: SELECT pg_terminate_backend(pid);).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No transaction has been open on the source for more than " + describe(threshold) + ".";
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() >= 1 ? duration.toMinutes() + " minutes" : duration.toMillis() / 1000.0 + " seconds";
    }
}
