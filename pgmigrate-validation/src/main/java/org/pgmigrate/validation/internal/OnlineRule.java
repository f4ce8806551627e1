package org.pgmigrate.validation.internal;

import java.util.EnumSet;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.Side;

/** An {@link ObjectsRule} of online migration that reads the source. */
public abstract class OnlineRule extends ObjectsRule {
    protected OnlineRule(String id, Severity severity) {
        super(id, Category.ONLINE, severity, EnumSet.of(MigrationMode.ONLINE), EnumSet.of(Side.SOURCE));
    }
}
