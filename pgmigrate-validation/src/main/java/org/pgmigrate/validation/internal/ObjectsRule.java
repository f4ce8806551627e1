package org.pgmigrate.validation.internal;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;

/**
 * The shape of most rules: one query finds the objects in the way; none found is success, any
 * found is one finding of the rule's severity that names them all.
 */
public abstract class ObjectsRule extends BaseRule {
    private final Severity severity;
    private final Set<MigrationMode> modes;
    private final Set<Side> reads;

    protected ObjectsRule(String id, Category category, Severity severity, Set<MigrationMode> modes, Set<Side> reads) {
        super(id, category);
        this.severity = severity;
        this.modes = Set.copyOf(modes);
        this.reads = Set.copyOf(reads);
    }

    /** A rule for both modes that reads one side. */
    protected ObjectsRule(String id, Category category, Severity severity, Side reads) {
        this(id, category, severity, EnumSet.allOf(MigrationMode.class), EnumSet.of(reads));
    }

    @Override
    public final Set<MigrationMode> modes() {
        return modes;
    }

    @Override
    public final Set<Side> reads() {
        return reads;
    }

    /** The objects in the way, named as in SQL, in a stable order. */
    protected abstract List<String> find(RuleContext context) throws SQLException;

    /** The message when {@code objects} were found; name them (see {@link Names#list}). */
    protected abstract String problem(List<String> objects, RuleContext context);

    /** What to run or change about {@code objects}. */
    protected abstract String remediation(List<String> objects, RuleContext context);

    /** The message when nothing was found: what was checked. */
    protected abstract String nothingFound(RuleContext context);

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<String> objects = find(context);
        if (objects.isEmpty()) {
            return List.of(succeeded(nothingFound(context)));
        }
        return List.of(finding(severity, problem(objects, context), remediation(objects, context), objects));
    }
}
