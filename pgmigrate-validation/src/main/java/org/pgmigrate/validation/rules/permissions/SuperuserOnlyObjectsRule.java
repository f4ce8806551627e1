package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.UncreatableObjects;
import org.pgmigrate.validation.internal.UncreatableObjectsRule;

/**
 * Objects only a superuser can create (base types, functions in untrusted languages such as C,
 * event triggers, text search parsers and templates, languages, foreign-data wrappers, access
 * methods, operator families and classes, casts without a function), when the target role is not
 * one, as on most managed services; with what depends on them.
 */
public final class SuperuserOnlyObjectsRule extends UncreatableObjectsRule {
    public SuperuserOnlyObjectsRule() {
        super("superuser-only-objects", Category.PERMISSIONS);
    }

    @Override
    protected List<UncreatableObjects.Uncreatable> find(RuleContext context) throws SQLException {
        return context.target().superuser() ? List.of() : UncreatableObjects.needingSuperuser(context.source().connection());
    }

    @Override
    protected String remediation(RuleContext context) {
        return "Migrate as a superuser on the target (not " + SqlNames.ident(context.target().user()) + "); or drop these objects from"
                + " the source, or replace them with extensions the target provides (managed services offer trusted extensions"
                + " instead of C code).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return context.target().superuser() ? "The target role is a superuser." : "The source has no object that only a superuser can create.";
    }
}
