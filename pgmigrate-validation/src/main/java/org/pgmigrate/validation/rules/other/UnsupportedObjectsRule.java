package org.pgmigrate.validation.rules.other;

import static org.pgmigrate.validation.internal.CatalogSql.FIRST_USER_OID;
import static org.pgmigrate.validation.internal.CatalogSql.notExtensionMember;
import static org.pgmigrate.validation.internal.CatalogSql.userNamespace;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Objects this version of pgmigrate does not migrate (outside extensions, which bring their own):
 * foreign-data wrappers, servers, user mappings and foreign tables, operator classes and families,
 * and access methods.
 */
public final class UnsupportedObjectsRule extends ObjectsRule {
    private static final String OBJECTS = String.join(" UNION ALL ",
            "SELECT 'foreign-data wrapper ' || pg_catalog.quote_ident(w.fdwname) FROM pg_catalog.pg_foreign_data_wrapper w WHERE "
                    + notExtensionMember("pg_foreign_data_wrapper", "w.oid"),
            "SELECT 'foreign server ' || pg_catalog.quote_ident(s.srvname) FROM pg_catalog.pg_foreign_server s WHERE "
                    + notExtensionMember("pg_foreign_server", "s.oid"),
            "SELECT 'user mapping for ' || pg_catalog.quote_ident(u.usename::text) || ' on server ' || pg_catalog.quote_ident(u.srvname::text)"
                    + " FROM pg_catalog.pg_user_mappings u",
            "SELECT 'foreign table ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f'"
                    + " AND " + userNamespace("n") + " AND " + notExtensionMember("pg_class", "c.oid"),
            "SELECT 'operator class ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(o.opcname)"
                    + " FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opclass", "o.oid"),
            "SELECT 'operator family ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(o.opfname)"
                    + " FROM pg_catalog.pg_opfamily o JOIN pg_catalog.pg_namespace n ON n.oid = o.opfnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opfamily", "o.oid")
                    + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass c WHERE c.opcfamily = o.oid)",
            "SELECT 'access method ' || pg_catalog.quote_ident(a.amname) FROM pg_catalog.pg_am a WHERE a.oid >= " + FIRST_USER_OID
                    + " AND " + notExtensionMember("pg_am", "a.oid")) + " ORDER BY 1";

    public UnsupportedObjectsRule() {
        super("unsupported-objects", Category.OTHER, Severity.WARNING, Side.SOURCE);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings(OBJECTS);
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return Names.count(objects.size(), "object is", "objects are") + " of a kind this version of pgmigrate does not migrate: "
                + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "Recreate them on the target by hand after the migration (for foreign servers and user mappings, with their"
                + " options and passwords), or drop them from the source if unused.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source has no object of a kind pgmigrate does not migrate.";
    }
}
