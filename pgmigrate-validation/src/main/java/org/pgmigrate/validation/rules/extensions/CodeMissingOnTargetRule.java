package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.UncreatableObjects;
import org.pgmigrate.validation.internal.UncreatableObjectsRule;

/**
 * Objects whose code the target lacks: C functions whose library or symbol it cannot load (tried
 * by creating a probe function over them in a transaction of a session of its own that is rolled
 * back), {@code LANGUAGE internal} functions naming a built-in its major does not have, objects
 * naming a built-in function it does not have (a handler, an input function); with what depends
 * on them.
 */
public final class CodeMissingOnTargetRule extends UncreatableObjectsRule {
    public CodeMissingOnTargetRule() {
        super("code-missing-on-target", Category.EXTENSIONS);
    }

    @Override
    protected List<UncreatableObjects.Uncreatable> find(RuleContext context) throws SQLException {
        return UncreatableObjects.lackingCode(context.source().connection(), context.target().connection(), context.target().superuser(),
                work -> context.target().inRolledBackTransaction(session -> {
                    work.run(session);
                    return null;
                }));
    }

    @Override
    protected String remediation(RuleContext context) {
        return "Install on the target server the same libraries, built for its PostgreSQL " + context.target().majorVersion()
                + ", in its library directory (pg_config --pkglibdir); replace functions on built-ins the target's major no longer"
                + " has with their successors on the source.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target has the code of every C and internal function and every built-in function the source's objects use"
                + (context.target().superuser() ? "." : " (C libraries were not tried: the target role may not create C functions).");
    }
}
