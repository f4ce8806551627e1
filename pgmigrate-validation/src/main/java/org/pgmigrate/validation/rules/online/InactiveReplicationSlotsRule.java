package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * Inactive replication slots on the source, left by an earlier migration or a replica that is
 * gone: they hold back WAL until the disk fills, and take slots the migration needs.
 */
public final class InactiveReplicationSlotsRule extends OnlineRule {
    public InactiveReplicationSlotsRule() {
        super("inactive-replication-slots", Severity.WARNING);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT pg_catalog.quote_literal(s.slot_name) FROM pg_catalog.pg_replication_slots s"
                + " WHERE NOT s.active ORDER BY 1");
    }

    @Override
    protected String problem(List<String> slots, RuleContext context) {
        return "The source has " + Names.count(slots.size(), "inactive replication slot", "inactive replication slots")
                + ", holding back WAL on its disk: " + Names.list(slots) + ".";
    }

    @Override
    protected String remediation(List<String> slots, RuleContext context) {
        return "If nothing will use them again, on the source: "
                + Names.statements(slots, s -> "SELECT pg_drop_replication_slot(" + s + ");");
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No inactive replication slot on the source.";
    }
}
