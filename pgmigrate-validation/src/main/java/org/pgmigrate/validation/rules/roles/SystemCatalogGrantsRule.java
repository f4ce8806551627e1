package org.pgmigrate.validation.rules.roles;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Privileges on pg_catalog's tables, views and functions changed since initdb (pg_init_privs
 * records them there; information_schema has no such record) (GRANT SELECT ON pg_catalog.x,
 * REVOKE EXECUTE ON FUNCTION pg_catalog.f): the migration carries them as pg_dump does, but only a
 * superuser may change most of them on the target, and a filter leaves them out.
 */
public final class SystemCatalogGrantsRule extends ObjectsRule {
    private static final String CHANGED = "SELECT what FROM ("
            + " SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS what"
            + "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  LEFT JOIN pg_catalog.pg_init_privs i ON i.objoid = c.oid AND i.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass"
            + "   AND i.objsubid = 0"
            + "  WHERE n.nspname = 'pg_catalog' AND c.relacl IS DISTINCT FROM i.initprivs"
            + " UNION ALL SELECT 'function ' || p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "  LEFT JOIN pg_catalog.pg_init_privs i ON i.objoid = p.oid AND i.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
            + "  WHERE n.nspname = 'pg_catalog' AND p.proacl IS DISTINCT FROM i.initprivs"
            + ") changed ORDER BY 1";

    public SystemCatalogGrantsRule() {
        super("system-catalog-grants", Category.ROLES, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings(CHANGED);
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return "Privileges on " + Names.count(objects.size(), "system object", "system objects") + " differ from a new database's: "
                + Names.list(objects) + ". The migration carries them (as GRANT and REVOKE on the target's objects, as pg_dump does)"
                + " only when the target user may change them, and not with a filter; otherwise a warning names them.";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "Migrate as a superuser of the target, or repeat the GRANT or REVOKE statements on the target after the migration"
                + " (\\dp and \\df+ in psql show the privileges on the source); managed services may not allow them.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "Privileges on system catalogs and functions are as initdb set them.";
    }
}
