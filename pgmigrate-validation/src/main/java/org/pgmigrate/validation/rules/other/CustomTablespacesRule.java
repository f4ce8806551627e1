package org.pgmigrate.validation.rules.other;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** Tables, indexes and materialized views in tablespaces of their own: the migration puts everything in the target's default. */
public final class CustomTablespacesRule extends ObjectsRule {
    public CustomTablespacesRule() {
        super("custom-tablespaces", Category.OTHER, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " || ' (tablespace ' || pg_catalog.quote_ident(t.spcname) || ')' FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND " + CatalogSql.userNamespace("n") + " ORDER BY 1");
    }

    @Override
    protected String problem(List<String> relations, RuleContext context) {
        return Names.count(relations.size(), "relation lies", "relations lie") + " in tablespaces of their own on the source;"
                + " on the target they go to the default tablespace: " + Names.list(relations) + ".";
    }

    @Override
    protected String remediation(List<String> relations, RuleContext context) {
        return "Accept the default tablespace, or create the tablespaces on the target and move the objects after the migration"
                + " (ALTER TABLE ... SET TABLESPACE ...; ALTER INDEX ... SET TABLESPACE ...;).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "Every relation lies in the database's default tablespace.";
    }
}
