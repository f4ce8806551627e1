package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.OnlineRule;

/** The source role may stream WAL: REPLICATION, superuser, or Amazon RDS's rds_replication. */
public final class ReplicationPrivilegeRule extends OnlineRule {
    public ReplicationPrivilegeRule() {
        super("replication-privilege", Severity.FAILED);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        boolean allowed = context.source().test("SELECT r.rolsuper OR r.rolreplication OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles x"
                + " WHERE x.rolname = 'rds_replication' AND pg_catalog.pg_has_role(x.oid, 'MEMBER'))"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user");
        return allowed ? List.of() : List.of(SqlNames.ident(context.source().user()));
    }

    @Override
    protected String problem(List<String> roles, RuleContext context) {
        return "The source role " + roles.get(0) + " may not stream WAL: it has neither the REPLICATION attribute nor superuser.";
    }

    @Override
    protected String remediation(List<String> roles, RuleContext context) {
        return "As a superuser on the source: ALTER ROLE " + roles.get(0) + " REPLICATION; (on Amazon RDS: GRANT rds_replication TO "
                + roles.get(0) + ";)";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source role may stream WAL.";
    }
}
