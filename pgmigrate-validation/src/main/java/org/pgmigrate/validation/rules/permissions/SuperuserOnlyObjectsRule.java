package org.pgmigrate.validation.rules.permissions;

import static org.pgmigrate.validation.internal.CatalogSql.FIRST_USER_OID;
import static org.pgmigrate.validation.internal.CatalogSql.notExtensionMember;
import static org.pgmigrate.validation.internal.CatalogSql.userNamespace;

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

/**
 * Objects only a superuser can create (base types, functions in untrusted languages such as C,
 * event triggers, text search parsers and templates, languages, foreign-data wrappers, access
 * methods, operator families and classes, casts without a function), when the target role is not
 * one, as on most managed services.
 */
public final class SuperuserOnlyObjectsRule extends ObjectsRule {
    private static final String OBJECTS = String.join(" UNION ALL ",
            "SELECT 'base type ' || t.oid::pg_catalog.regtype::text FROM pg_catalog.pg_type t"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'b' AND t.typcategory <> 'A'"
                    + " AND " + userNamespace("n") + " AND " + notExtensionMember("pg_type", "t.oid"),
            "SELECT 'function ' || p.oid::pg_catalog.regprocedure::text || ' (language ' || l.lanname || ')' FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE NOT l.lanpltrusted AND " + userNamespace("n") + " AND " + notExtensionMember("pg_proc", "p.oid"),
            "SELECT 'event trigger ' || pg_catalog.quote_ident(e.evtname) FROM pg_catalog.pg_event_trigger e WHERE "
                    + notExtensionMember("pg_event_trigger", "e.oid"),
            "SELECT 'text search parser ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.prsname)"
                    + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                    + " WHERE p.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_ts_parser", "p.oid"),
            "SELECT 'text search template ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.tmplname)"
                    + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                    + " WHERE t.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_ts_template", "t.oid"),
            "SELECT 'language ' || pg_catalog.quote_ident(l.lanname) FROM pg_catalog.pg_language l"
                    + " WHERE l.oid >= " + FIRST_USER_OID + " AND " + notExtensionMember("pg_language", "l.oid"),
            "SELECT 'foreign-data wrapper ' || pg_catalog.quote_ident(w.fdwname) FROM pg_catalog.pg_foreign_data_wrapper w"
                    + " WHERE " + notExtensionMember("pg_foreign_data_wrapper", "w.oid"),
            "SELECT 'access method ' || pg_catalog.quote_ident(a.amname) FROM pg_catalog.pg_am a WHERE a.oid >= " + FIRST_USER_OID
                    + " AND " + notExtensionMember("pg_am", "a.oid"),
            "SELECT 'operator family ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(f.opfname)"
                    + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opfamily", "f.oid"),
            "SELECT 'operator class ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.opcname)"
                    + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace WHERE "
                    + userNamespace("n") + " AND " + notExtensionMember("pg_opclass", "c.oid"),
            "SELECT 'cast ' || pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL)"
                    + " || ' (without function)' FROM pg_catalog.pg_cast c WHERE c.castmethod = 'b' AND c.oid >= " + FIRST_USER_OID
                    + " AND " + notExtensionMember("pg_cast", "c.oid")) + " ORDER BY 1";

    public SuperuserOnlyObjectsRule() {
        super("superuser-only-objects", Category.PERMISSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.target().superuser() ? List.of() : context.source().strings(OBJECTS);
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return "The target role " + SqlNames.ident(context.target().user()) + " is not a superuser, and only a superuser can create "
                + Names.count(objects.size(), "object", "objects") + " of the source: " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "Migrate as a superuser on the target; or drop these objects from the source, or replace them with"
                + " extensions the target provides (managed services offer trusted extensions instead of C code).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return context.target().superuser() ? "The target role is a superuser." : "The source has no object that only a superuser can create.";
    }
}
