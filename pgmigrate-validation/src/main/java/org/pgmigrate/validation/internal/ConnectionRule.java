package org.pgmigrate.validation.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;

/**
 * A rule about one step of connecting. A connection gets through the steps in order (reach the
 * server, authenticate, find the database, be allowed in); a failure at this rule's step fails
 * the rule, one at a later step means this step passed, one at an earlier step leaves it unjudged.
 */
public abstract class ConnectionRule extends BaseRule {
    /** The steps of connecting, in the order the server takes them. */
    protected enum Step {
        REACH, AUTHENTICATE, FIND_DATABASE, CONNECT_PRIVILEGE, ACCEPT_CONNECTIONS;

        static Step failedAt(SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            switch (state) {
                case "28000":
                case "28P01":
                    return AUTHENTICATE;
                case "3D000":
                    return FIND_DATABASE;
                case "42501":
                    return CONNECT_PRIVILEGE;
                case "55000":
                    return ACCEPT_CONNECTIONS;
                default:
                    return REACH;
            }
        }
    }

    private final Step step;

    protected ConnectionRule(String id, Step step) {
        super(id, Category.CONNECTIVITY);
        this.step = step;
    }

    /** Connectivity rules judge the attempts themselves, so they run whatever was reached. */
    @Override
    public final Set<Side> reads() {
        return EnumSet.noneOf(Side.class);
    }

    /** The message for a failure at this step; {@code detail} is the server's or driver's, without password. */
    protected abstract String problem(Side side, String endpoint, String detail);

    protected abstract String remediation(Side side);

    /** The message when both connections got past this step. */
    protected abstract String passed();

    @Override
    public final List<Finding> check(RuleContext context) {
        List<Finding> failures = new ArrayList<>();
        boolean judgedBoth = true;
        for (Side side : Side.values()) {
            Optional<SQLException> failure = context.connectionFailure(side);
            if (failure.isEmpty()) {
                continue;
            }
            Step failedAt = Step.failedAt(failure.get());
            if (failedAt == step) {
                String endpoint = context.endpoint(side);
                failures.add(failed(problem(side, endpoint, failure.get().getMessage()), remediation(side), List.of(endpoint)));
            } else if (failedAt.compareTo(step) < 0) {
                judgedBoth = false;
            }
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        return judgedBoth ? List.of(succeeded(passed())) : List.of();
    }
}
