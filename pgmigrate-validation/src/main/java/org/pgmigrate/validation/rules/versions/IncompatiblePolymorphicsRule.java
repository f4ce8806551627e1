package org.pgmigrate.validation.rules.versions;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Aggregates and operators built on array functions whose signatures PostgreSQL 14 changed from
 * anyarray/anyelement to anycompatible types: they no longer resolve there (as pg_upgrade checks).
 */
public final class IncompatiblePolymorphicsRule extends ObjectsRule {
    private static final String OLD_FUNCTIONS = "ARRAY['pg_catalog.array_append(anyarray,anyelement)',"
            + " 'pg_catalog.array_cat(anyarray,anyarray)', 'pg_catalog.array_prepend(anyelement,anyarray)',"
            + " 'pg_catalog.array_remove(anyarray,anyelement)', 'pg_catalog.array_replace(anyarray,anyelement,anyelement)',"
            + " 'pg_catalog.array_position(anyarray,anyelement)', 'pg_catalog.array_position(anyarray,anyelement,integer)',"
            + " 'pg_catalog.array_positions(anyarray,anyelement)', 'pg_catalog.width_bucket(anyelement,anyarray)']"
            + "::pg_catalog.regprocedure[]";
    private static final String OLD_TYPES = "ARRAY['pg_catalog.anyarray', 'pg_catalog.anyelement']::pg_catalog.regtype[]";

    public IncompatiblePolymorphicsRule() {
        super("incompatible-polymorphics", Category.VERSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion < 140000 && targetVersion >= 140000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT 'aggregate ' || p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid"
                + " WHERE p.oid >= " + CatalogSql.FIRST_USER_OID + " AND " + CatalogSql.notExtensionMember("pg_proc", "p.oid")
                + "   AND (a.aggtransfn = ANY (" + OLD_FUNCTIONS + ") OR a.aggfinalfn = ANY (" + OLD_FUNCTIONS + "))"
                + "   AND a.aggtranstype = ANY (" + OLD_TYPES + ")"
                + " UNION ALL SELECT 'operator ' || o.oid::pg_catalog.regoperator::text FROM pg_catalog.pg_operator o"
                + " WHERE o.oid >= " + CatalogSql.FIRST_USER_OID + " AND " + CatalogSql.notExtensionMember("pg_operator", "o.oid")
                + "   AND o.oprcode = ANY (" + OLD_FUNCTIONS + ") AND o.oprleft = ANY (" + OLD_TYPES + ")"
                + " ORDER BY 1");
    }

    @Override
    protected String problem(List<String> objects, RuleContext context) {
        return Names.count(objects.size(), "object uses", "objects use") + " array functions whose signatures changed in PostgreSQL 14"
                + " (the target runs " + context.target().majorVersion() + "), so they cannot be created there: " + Names.list(objects) + ".";
    }

    @Override
    protected String remediation(List<String> objects, RuleContext context) {
        return "On the source, drop them and recreate them with anycompatible/anycompatiblearray instead of anyelement/anyarray"
                + " (e.g. CREATE AGGREGATE array_accum(anycompatible) (sfunc = array_append, stype = anycompatiblearray, initcond = '{}'))"
                + " on the target after the migration.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No aggregate or operator depends on the pre-14 array function signatures.";
    }
}
