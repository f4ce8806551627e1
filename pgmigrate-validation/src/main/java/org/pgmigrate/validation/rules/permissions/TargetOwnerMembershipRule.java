package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceRoles;

/**
 * The target role may hand objects to their source owners: ALTER ... OWNER TO needs membership
 * in the new owner (and from PostgreSQL 16 the SET option), which a superuser always has.
 */
public final class TargetOwnerMembershipRule extends ObjectsRule {
    public TargetOwnerMembershipRule() {
        super("target-owner-membership", Category.PERMISSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String> owners = context.source().strings(SourceRoles.OWNERS);
        String privilege = context.target().versionNumber() >= 160000 ? "SET" : "MEMBER";
        return context.target().identifiers("SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.rolname = ANY (?::text[])"
                + " AND NOT pg_catalog.pg_has_role(r.oid, '" + privilege + "') ORDER BY 1", owners);
    }

    @Override
    protected String problem(List<String> roles, RuleContext context) {
        return "The target role " + SqlNames.ident(context.target().user()) + " cannot make "
                + Names.count(roles.size(), "role", "roles") + " the owner of objects, as on the source: " + Names.list(roles)
                + ". Setting those owners would fail the migration.";
    }

    @Override
    protected String remediation(List<String> roles, RuleContext context) {
        String role = SqlNames.ident(context.target().user());
        return "On the target: " + Names.statements(roles, r -> "GRANT " + r + " TO " + role + ";")
                + " (a superuser role cannot be granted this way: migrate as a superuser, or reassign those objects on the source first).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target role may give every object its source owner.";
    }
}
