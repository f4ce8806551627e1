package org.pgmigrate.validation.rules.capacity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.Side;

/**
 * Each server has connections to spare for the chosen jobs: every worker holds one on each side,
 * plus one on the source for the snapshot and two on the target for schema and bookkeeping.
 */
public final class FreeConnectionsRule extends BaseRule {
    public FreeConnectionsRule() {
        super("free-connections", Category.CAPACITY);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (Server server : List.of(context.source(), context.target())) {
            long needed = context.jobs() + (server.side() == Side.SOURCE ? 1 : 2);
            long available = available(server);
            free.add(available + " on the " + server.side().label());
            if (available < needed) {
                findings.add(failed("The " + server.side().label() + " has " + available + " connections to spare for "
                                + SqlNames.ident(server.user()) + ", and the migration with " + context.jobs() + " jobs needs " + needed + ".",
                        "Migrate with fewer jobs (--jobs " + Math.max(1, available - (needed - context.jobs())) + "), close idle sessions,"
                                + " or raise max_connections on the " + server.side().label() + " (needs a restart).",
                        List.of("max_connections")));
            }
        }
        return findings.isEmpty()
                ? List.of(succeeded("Enough connections to spare for " + context.jobs() + " jobs: " + String.join(", ", free) + "."))
                : findings;
    }

    /**
     * Connections a new session of this role may still open: max_connections less the slots reserved
     * for superusers (and, from 16, for pg_use_reserved_connections) and those in use. This session's
     * own connection counts as free: validation closes it before the migration opens its own.
     */
    private static long available(Server server) throws SQLException {
        long max = server.longSetting("max_connections");
        long reserved = server.superuser() ? 0 : server.longSetting("superuser_reserved_connections");
        if (!server.superuser() && server.versionNumber() >= 160000
                && !server.test("SELECT pg_catalog.pg_has_role('pg_use_reserved_connections', 'USAGE')")) {
            reserved += server.longSetting("reserved_connections");
        }
        long used = Long.parseLong(server.value("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend'"));
        return max - reserved - used + 1;
    }
}
