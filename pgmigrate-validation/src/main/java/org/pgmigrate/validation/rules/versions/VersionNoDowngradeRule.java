package org.pgmigrate.validation.rules.versions;

import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;

/** The target runs the same or a newer major version: DDL of a newer major may not load into an older one. */
public final class VersionNoDowngradeRule extends BaseRule {
    public VersionNoDowngradeRule() {
        super("version-no-downgrade", Category.VERSIONS);
    }

    @Override
    public List<Finding> check(RuleContext context) {
        int source = context.source().majorVersion();
        int target = context.target().majorVersion();
        if (target < source) {
            return List.of(failed("The target (" + context.target().endpoint() + ") runs PostgreSQL " + target + ", older than the source's PostgreSQL " + source
                            + "; pgmigrate migrates only to the same or a newer major version.",
                    "Use a target server of PostgreSQL " + source + " or newer.", List.of(context.target().endpoint())));
        }
        return List.of(succeeded("The target runs PostgreSQL " + target + ", the source PostgreSQL " + source + "."));
    }
}
