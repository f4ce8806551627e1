package org.pgmigrate.validation.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.UncreatableObjects.Uncreatable;

/**
 * The shape of the rules on objects the target cannot create: each object with why and what
 * depends on it (which cannot be created either). A failure, unless the migration leaves them
 * out ({@link RuleContext#leavesOutUncreatableObjects()}): then a warning that says so.
 */
public abstract class UncreatableObjectsRule extends BaseRule {
    protected UncreatableObjectsRule(String id, Category category) {
        super(id, category);
    }

    @Override
    public final Set<MigrationMode> modes() {
        return EnumSet.allOf(MigrationMode.class);
    }

    @Override
    public final Set<Side> reads() {
        return EnumSet.allOf(Side.class);
    }

    /** The objects the target cannot create, for this rule's reason. */
    protected abstract List<Uncreatable> find(RuleContext context) throws SQLException;

    /** What makes them creatable, before the advice to leave them out. */
    protected abstract String remediation(RuleContext context);

    /** The message when nothing was found: what was checked. */
    protected abstract String nothingFound(RuleContext context);

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<Uncreatable> found = find(context);
        if (found.isEmpty()) {
            return List.of(succeeded(nothingFound(context)));
        }
        Map<Uncreatable, List<String>> dependents = UncreatableObjects.dependents(context.source().connection(), found);
        List<String> objects = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Uncreatable u : found) {
            String name = u.object() + (u.reason() == UncreatableObjects.Reason.SUPERUSER && u.detail() != null ? " (" + u.detail() + ")" : "");
            objects.add(name);
            List<String> with = dependents.get(u);
            lines.add(name + ": " + (u.reason() == UncreatableObjects.Reason.SUPERUSER ? "only a superuser may create it" : u.why())
                    + (with.isEmpty() ? "" : "; depending on it: " + Names.list(with)));
        }
        boolean leftOut = context.leavesOutUncreatableObjects();
        String message = "The target cannot create " + Names.count(found.size(), "object", "objects") + " of the source, nor what depends on "
                + (found.size() == 1 ? "it" : "them") + (leftOut ? "; the migration leaves them out" : "") + ":\n"
                + String.join("\n", lines.subList(0, Math.min(lines.size(), Names.LISTED)))
                + (lines.size() > Names.LISTED ? "\nand " + (lines.size() - Names.LISTED) + " more" : "");
        String remediation = remediation(context) + (leftOut ? " Otherwise they are missing on the target after the migration."
                : " Or leave them and what depends on them out: Migration.Builder.leaveOutUncreatableObjects(true)"
                + " (pgmigrate migrate ... --leave-out-uncreatable).");
        return List.of(finding(leftOut ? Severity.WARNING : Severity.FAILED, message, remediation, objects));
    }
}
