package org.pgmigrate.validation.rules.other;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Objects a migration leaves out unless asked: subscriptions, which pg_dump too carries only
 * disabled and without their slot, since a copy that starts replicating from the source's
 * publishers would compete with the source. Every other kind a dump carries is migrated.
 */
public final class UnsupportedObjectsRule extends ObjectsRule {
    /** Every column of pg_subscription but the connection string may be read by anyone. */
    private static final String OBJECTS = "SELECT 'subscription ' || pg_catalog.quote_ident(s.subname) FROM pg_catalog.pg_subscription s"
            + " WHERE s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())"
            + " ORDER BY 1";

    public UnsupportedObjectsRule() {
        super("unsupported-objects", Category.OTHER, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings(OBJECTS);
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return Names.count(objects.size(), "object is", "objects are") + " left out unless the migration is asked to carry them: "
                + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "Migrate with subscriptions(true) (command line: --subscriptions) to create them on the target, disabled and"
                + " without connecting; then enable them there by hand once the source no longer replicates. Or create them"
                + " on the target yourself after the migration.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source has no subscription; every other kind of object is migrated.";
    }
}
