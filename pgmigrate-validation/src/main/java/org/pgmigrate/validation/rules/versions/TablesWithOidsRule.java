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

/** Tables WITH OIDS (possible up to PostgreSQL 11) cannot be created from PostgreSQL 12 on. */
public final class TablesWithOidsRule extends ObjectsRule {
    public TablesWithOidsRule() {
        super("tables-with-oids", Category.VERSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion < 120000 && targetVersion >= 120000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames(CatalogSql.userRelations("'r', 'p'") + " AND c.relhasoids ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> tables, RuleContext context) {
        return Names.count(tables.size(), "table has", "tables have") + " OIDs, which PostgreSQL 12 and newer (the target runs "
                + context.target().majorVersion() + ") no longer support: " + Names.list(tables) + ".";
    }

    @Override
    protected String remediation(List<String> tables, RuleContext context) {
        return "On the source: " + Names.statements(tables, t -> "ALTER TABLE " + t + " SET WITHOUT OIDS;")
                + " Code that reads the oid column needs a column of its own instead.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No table has OIDs.";
    }
}
