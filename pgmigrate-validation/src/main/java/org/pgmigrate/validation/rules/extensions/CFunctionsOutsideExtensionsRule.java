package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** C functions outside extensions: their shared library must be installed on the target server by hand. */
public final class CFunctionsOutsideExtensionsRule extends ObjectsRule {
    public CFunctionsOutsideExtensionsRule() {
        super("c-functions-outside-extensions", Category.EXTENSIONS, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT p.oid::pg_catalog.regprocedure::text || ' in ' || p.probin FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE l.lanname = 'c' AND " + CatalogSql.userNamespace("n") + " AND " + CatalogSql.notExtensionMember("pg_proc", "p.oid")
                + " ORDER BY 1");
    }

    @Override
    protected String problem(List<String> functions, RuleContext context) {
        return Names.count(functions.size(), "C function", "C functions") + " outside extensions need their shared library on the"
                + " target server: " + Names.list(functions) + ".";
    }

    @Override
    protected String remediation(List<String> functions, RuleContext context) {
        return "Install the same libraries, built for the target's PostgreSQL major version, into the target server's"
                + " library directory (pg_config --pkglibdir) before migrating.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No C function outside extensions.";
    }
}
