package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** The source role may use every user schema (without USAGE it can read nothing inside). */
public final class SourceSchemaUsageRule extends ObjectsRule {
    public SourceSchemaUsageRule() {
        super("source-schema-usage", Category.PERMISSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().identifiers("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE " + CatalogSql.userNamespace("n")
                + " AND " + CatalogSql.notExtensionMember("pg_namespace", "n.oid")
                + " AND NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE') ORDER BY 1");
    }

    @Override
    protected String problem(List<String> schemas, RuleContext context) {
        return "The source role " + SqlNames.ident(context.source().user()) + " lacks USAGE on "
                + Names.count(schemas.size(), "schema", "schemas") + ": " + Names.list(schemas) + ".";
    }

    @Override
    protected String remediation(List<String> schemas, RuleContext context) {
        String role = SqlNames.ident(context.source().user());
        return "As the owner of each schema on the source: " + Names.statements(schemas, s -> "GRANT USAGE ON SCHEMA " + s + " TO " + role + ";")
                + " Or migrate as the owner of the objects, or as a superuser.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source role may use every schema.";
    }
}
