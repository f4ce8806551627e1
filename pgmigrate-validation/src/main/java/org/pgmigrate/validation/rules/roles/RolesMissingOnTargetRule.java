package org.pgmigrate.validation.rules.roles;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceRoles;

/**
 * Roles that own source objects or hold privileges on them but do not exist on the target: roles
 * are global to a server, so the migration skips their ownership and grants.
 */
public final class RolesMissingOnTargetRule extends ObjectsRule {
    public RolesMissingOnTargetRule() {
        super("roles-missing-on-target", Category.ROLES, Severity.WARNING, EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String> referenced = context.source().strings(SourceRoles.REFERENCED);
        return context.target().identifiers("SELECT s FROM pg_catalog.unnest(?::text[]) s"
                + " WHERE s NOT IN (SELECT rolname FROM pg_catalog.pg_roles) ORDER BY 1", referenced);
    }

    @Override
    protected String problem(List<String> roles, RuleContext context) {
        return Names.count(roles.size(), "role that owns objects of the source or holds privileges on them does",
                "roles that own objects of the source or hold privileges on them do") + " not exist on the target;"
                + " their ownership and grants would be skipped: " + Names.list(roles) + ".";
    }

    @Override
    protected String remediation(List<String> roles, RuleContext context) {
        return "Create the roles on the target first: " + Names.statements(roles, r -> "CREATE ROLE " + r + ";")
                + " (pg_dumpall --roles-only on the source lists them with their attributes).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "Every role that owns or holds privileges on source objects exists on the target.";
    }
}
