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
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * The target role may create objects in the schemas that exist on the target already and that
 * the source fills, typically {@code public} (PostgreSQL 15 took CREATE on it from PUBLIC).
 */
public final class TargetSchemaCreateRule extends ObjectsRule {
    public TargetSchemaCreateRule() {
        super("target-schema-create", Category.PERMISSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String> filled = context.source().strings("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE "
                + CatalogSql.userNamespace("n")
                + " AND (EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)"
                + "   OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = n.oid)"
                + "   OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = n.oid))");
        return context.target().identifiers("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY (?::text[])"
                + " AND NOT pg_catalog.has_schema_privilege(n.oid, 'CREATE') ORDER BY 1", filled);
    }

    @Override
    protected String problem(List<String> schemas, RuleContext context) {
        return "The target role " + SqlNames.ident(context.target().user()) + " may not create objects in "
                + Names.count(schemas.size(), "schema", "schemas") + " that the source fills: " + Names.list(schemas) + ".";
    }

    @Override
    protected String remediation(List<String> schemas, RuleContext context) {
        String role = SqlNames.ident(context.target().user());
        return "As the owner of each schema on the target: " + Names.statements(schemas, s -> "GRANT CREATE ON SCHEMA " + s + " TO " + role + ";")
                + " Or make the target role the owner of the target database (from PostgreSQL 15 the database owner owns public).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target role may create objects in every existing schema the source fills.";
    }
}
