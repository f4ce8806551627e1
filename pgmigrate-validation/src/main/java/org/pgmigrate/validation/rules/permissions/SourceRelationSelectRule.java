package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * The source role may SELECT from every user relation of some kinds; has_table_privilege answers
 * for tables and sequences alike.
 */
abstract class SourceRelationSelectRule extends ObjectsRule {
    private final String relkinds;
    private final String singular;
    private final String plural;
    private final UnaryOperator<String> grantOn;

    /**
     * @param relkinds the pg_class kinds, e.g. "'S'"
     * @param grantOn  the object part of a GRANT for one relation, e.g. {@code s -> "SEQUENCE " + s}
     */
    SourceRelationSelectRule(String id, String relkinds, String singular, String plural, UnaryOperator<String> grantOn) {
        super(id, Category.PERMISSIONS, Severity.FAILED, Side.SOURCE);
        this.relkinds = relkinds;
        this.singular = singular;
        this.plural = plural;
        this.grantOn = grantOn;
    }

    @Override
    protected final List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations(relkinds)
                + " AND NOT pg_catalog.has_table_privilege(c.oid, 'SELECT') ORDER BY 1, 2");
    }

    @Override
    protected final String problem(List<String> relations, RuleContext context) {
        return "The source role " + SqlNames.ident(context.source().user()) + " may not read "
                + Names.count(relations.size(), singular, plural) + ": " + Names.list(relations) + ".";
    }

    @Override
    protected final String remediation(List<String> relations, RuleContext context) {
        String role = SqlNames.ident(context.source().user());
        return "As the owner of each on the source: " + Names.statements(relations, r -> "GRANT SELECT ON " + grantOn.apply(r) + " TO " + role + ";")
                + " (or GRANT SELECT ON ALL " + plural.toUpperCase(Locale.ROOT) + " IN SCHEMA <schema> TO " + role
                + ";), or migrate as a superuser.";
    }

    @Override
    protected final String nothingFound(RuleContext context) {
        return "The source role may read every " + singular + ".";
    }
}
