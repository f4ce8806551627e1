package org.pgmigrate.validation.rules.other;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Tables, indexes and materialized views in tablespaces the target server does not have: the
 * migration keeps each relation in the tablespace of the same name, and refuses one the target
 * lacks unless a tablespace mapping of the migration sends it elsewhere (which validation does not see).
 */
public final class CustomTablespacesRule extends ObjectsRule {
    public CustomTablespacesRule() {
        super("custom-tablespaces", Category.OTHER, Severity.WARNING, EnumSet.allOf(MigrationMode.class), EnumSet.of(Side.SOURCE, Side.TARGET));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String> onTarget = context.target().strings("SELECT spcname FROM pg_catalog.pg_tablespace");
        return context.source().strings("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " || ' (tablespace ' || pg_catalog.quote_ident(t.spcname) || ')' FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND " + CatalogSql.userNamespace("n")
                + " AND t.spcname <> ALL (?) ORDER BY 1", onTarget);
    }

    @Override
    protected String problem(List<String> relations, RuleContext context) {
        return Names.count(relations.size(), "relation lies", "relations lie") + " in tablespaces the target server does not have: "
                + Names.list(relations) + ". The migration keeps each relation in the tablespace of the same name, so it refuses"
                + " to start unless these tablespaces are mapped.";
    }

    @Override
    protected String remediation(List<String> relations, RuleContext context) {
        return "Create the tablespaces on the target (CREATE TABLESPACE name LOCATION ...), or map them: to another tablespace"
                + " (--tablespace-map OLD=NEW, TablespaceMapping.map) or to the target database's default"
                + " (--tablespace-default NAME|all, TablespaceMapping.toDefault / allToDefault).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "Every relation lies in the database's default tablespace or in one the target has too.";
    }
}
