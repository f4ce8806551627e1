package org.pgmigrate.validation.rules.roles;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceRoles;

/**
 * Objects owned by superusers on the source, when the target role is no superuser (as on managed
 * services): it cannot give them to a superuser there, so their owner changes.
 */
public final class SuperuserOwnedObjectsRule extends ObjectsRule {
    public SuperuserOwnedObjectsRule() {
        super("superuser-owned-objects", Category.ROLES, Severity.WARNING, EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        if (context.target().superuser()) {
            return List.of();
        }
        return context.source().strings("SELECT o.object || ' (owner ' || pg_catalog.quote_ident(r.rolname) || ')'"
                + " FROM (" + SourceRoles.OWNED_OBJECTS + ") o JOIN pg_catalog.pg_roles r ON r.oid = o.owner"
                + " WHERE r.rolsuper AND o.object <> 'schema public' ORDER BY 1");
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return Names.count(objects.size(), "object is", "objects are") + " owned by superusers on the source; the target role "
                + SqlNames.ident(context.target().user()) + " is no superuser and cannot keep those owners: " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "On the source, give them to an ordinary role first (REASSIGN OWNED BY <superuser> TO <role>; or ALTER ... OWNER TO <role>;),"
                + " or accept that the target role will own them.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return context.target().superuser() ? "The target role is a superuser and can keep every owner."
                : "No object of the source is owned by a superuser.";
    }
}
