package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * The source role can publish every table: creating a publication needs CREATE on the database,
 * and adding a table to it needs ownership of the table (a superuser has both).
 */
public final class PublicationOwnershipRule extends OnlineRule {
    public PublicationOwnershipRule() {
        super("publication-ownership", Severity.FAILED);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        Server source = context.source();
        List<String> missing = new ArrayList<>();
        if (!source.test("SELECT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE')")) {
            missing.add("database " + SqlNames.ident(source.database()) + " (CREATE)");
        }
        missing.addAll(source.qualifiedNames(CatalogSql.userRelations("'r', 'p'")
                + " AND NOT pg_catalog.pg_has_role(c.relowner, 'USAGE') ORDER BY 1, 2"));
        return missing;
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return "The source role " + SqlNames.ident(context.source().user()) + " cannot publish the database for online migration;"
                + " it lacks CREATE on the database or ownership of tables: " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        String role = SqlNames.ident(context.source().user());
        return "On the source: GRANT CREATE ON DATABASE " + SqlNames.ident(context.source().database()) + " TO " + role
                + "; and GRANT <owner of each table> TO " + role + "; (or migrate as a superuser).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source role may publish every table.";
    }
}
