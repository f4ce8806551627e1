package org.pgmigrate.validation.rules.roles;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceRoles;

/**
 * Roles that own or hold privileges on source objects and whose names the target reserves: its predefined and bootstrap roles, names
 * starting with pg_, and the administrative roles of managed services. They cannot be created there,
 * and objects that belong to them would end up with the provider's role of that name.
 */
public final class ReservedRoleNamesRule extends ObjectsRule {
    /** Roles managed PostgreSQL services keep for themselves. */
    static final Set<String> PROVIDER_ROLES = Set.of("rds_superuser", "rdsadmin", "rds_replication", "rds_iam", "rds_password",
            "rdsrepladmin", "azure_pg_admin", "azure_superuser", "azuresu", "cloudsqlsuperuser", "cloudsqladmin",
            "cloudsqlreplica", "alloydbsuperuser", "alloydbadmin");

    public ReservedRoleNamesRule() {
        super("reserved-role-names", Category.ROLES, Severity.FAILED, EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String> reservedOnTarget = context.target().strings("SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid < "
                + CatalogSql.FIRST_USER_OID + " OR r.rolname LIKE 'pg\\_%'");
        List<String> referenced = context.source().strings(SourceRoles.REFERENCED);
        return context.source().identifiers("SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid >= " + CatalogSql.FIRST_USER_OID
                + " AND r.rolname = ANY (?::text[])"
                + " AND (r.rolname = ANY (?::text[]) OR r.rolname = ANY (?::text[]) OR r.rolname LIKE 'pg\\_%') ORDER BY 1",
                referenced, reservedOnTarget, PROVIDER_ROLES);
    }

    @Override
    protected String problem(List<String> roles, RuleContext context) {
        return Names.count(roles.size(), "role of the source has a name", "roles of the source have names")
                + " that the target or managed services reserve: " + Names.list(roles) + ".";
    }

    @Override
    protected String remediation(List<String> roles, RuleContext context) {
        return "On the source, rename them (" + Names.statements(roles, r -> "ALTER ROLE " + r + " RENAME TO <new name>;")
                + ") or give their objects to another role (REASSIGN OWNED BY <role> TO <other>;).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No role of the source has a name the target reserves.";
    }
}
