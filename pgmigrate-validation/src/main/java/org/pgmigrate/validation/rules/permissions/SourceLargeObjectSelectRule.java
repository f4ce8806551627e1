package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** The source role may read every large object (owner, or SELECT granted to it or to PUBLIC). */
public final class SourceLargeObjectSelectRule extends ObjectsRule {
    public SourceLargeObjectSelectRule() {
        super("source-large-object-select", Category.PERMISSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        if ("on".equals(context.source().setting("lo_compat_privileges"))) {
            return List.of();
        }
        return context.source().strings("SELECT 'large object ' || m.oid FROM pg_catalog.pg_largeobject_metadata m"
                + " WHERE NOT pg_catalog.pg_has_role(m.lomowner, 'USAGE')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(m.lomacl) a WHERE a.privilege_type = 'SELECT'"
                + "   AND (a.grantee = 0 OR pg_catalog.pg_has_role(a.grantee, 'USAGE')))"
                + " ORDER BY m.oid");
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return "The source role " + SqlNames.ident(context.source().user()) + " may not read "
                + Names.count(objects.size(), "large object", "large objects") + ": " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        String role = SqlNames.ident(context.source().user());
        return "As their owners on the source: " + Names.statements(objects,
                o -> "GRANT SELECT ON LARGE OBJECT " + o.substring("large object ".length()) + " TO " + role + ";")
                + " Or migrate as a superuser.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source role may read every large object.";
    }
}
