package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.OnlineRule;

/** Large objects are copied once; logical decoding does not carry their later changes. */
public final class LargeObjectsOnlineRule extends OnlineRule {
    public LargeObjectsOnlineRule() {
        super("large-objects-online", Severity.WARNING);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT 'large object ' || m.oid FROM pg_catalog.pg_largeobject_metadata m ORDER BY m.oid");
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return Names.count(objects.size(), "large object is", "large objects are") + " copied once; changes to large objects"
                + " afterwards are not replicated: " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "Stop changing large objects during the migration, migrate offline, or store the data in bytea columns instead.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No large object.";
    }
}
