package org.pgmigrate.validation.rules.target;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * A source schema named {@code pgmigrate}: that name is reserved for the journal pgmigrate keeps in
 * the target, so the schema and everything in it would be left out of the migration.
 */
public final class ReservedSchemaNamesRule extends ObjectsRule {
    public ReservedSchemaNamesRule() {
        super("reserved-schema-names", Category.TARGET_STATE, Severity.FAILED, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().identifiers("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname = 'pgmigrate'");
    }

    @Override
    protected String problem(List<String> schemas, RuleContext context) {
        return "The source has a schema named " + Names.list(schemas) + ", a name pgmigrate reserves for its own journal on the"
                + " target; the schema and its contents would not be migrated.";
    }

    @Override
    protected String remediation(List<String> schemas, RuleContext context) {
        return "On the source: ALTER SCHEMA pgmigrate RENAME TO <another name>; (and adjust search_path settings and code that name it).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source uses no schema name reserved by pgmigrate.";
    }
}
