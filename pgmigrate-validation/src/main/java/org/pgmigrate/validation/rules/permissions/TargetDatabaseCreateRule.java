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

/** The target role may create the source's schemas (CREATE on the target database). */
public final class TargetDatabaseCreateRule extends ObjectsRule {
    public TargetDatabaseCreateRule() {
        super("target-database-create", Category.PERMISSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        if (context.target().test("SELECT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE')")) {
            return List.of();
        }
        List<String> schemas = context.source().strings("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE "
                + CatalogSql.userNamespace("n") + " AND n.nspname <> 'public' AND "
                + CatalogSql.notExtensionMember("pg_namespace", "n.oid") + " ORDER BY 1");
        return context.target().identifiers("SELECT s FROM pg_catalog.unnest(?::text[]) s"
                + " WHERE s NOT IN (SELECT nspname FROM pg_catalog.pg_namespace) ORDER BY 1", schemas);
    }

    @Override
    protected String problem(List<String> schemas, RuleContext context) {
        return "The target role " + SqlNames.ident(context.target().user()) + " may not create schemas in the target database "
                + SqlNames.ident(context.target().database()) + ", and the source has "
                + Names.count(schemas.size(), "schema", "schemas") + " to create: " + Names.list(schemas) + ".";
    }

    @Override
    protected String remediation(List<String> schemas, RuleContext context) {
        return "As the owner of the target database: GRANT CREATE ON DATABASE " + SqlNames.ident(context.target().database())
                + " TO " + SqlNames.ident(context.target().user()) + ";";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target role may create every schema the source has.";
    }
}
