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

/** User-defined postfix (right-unary) operators, which PostgreSQL 14 removed. */
public final class PostfixOperatorsRule extends ObjectsRule {
    public PostfixOperatorsRule() {
        super("postfix-operators", Category.VERSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion < 140000 && targetVersion >= 140000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().strings("SELECT o.oid::pg_catalog.regoperator::text FROM pg_catalog.pg_operator o"
                + " WHERE o.oprright = 0 AND o.oid >= " + CatalogSql.FIRST_USER_OID
                + " AND " + CatalogSql.notExtensionMember("pg_operator", "o.oid") + " ORDER BY 1");
    }

    @Override
    protected String problem(List<String> operators, RuleContext context) {
        return Names.count(operators.size(), "postfix operator", "postfix operators") + " cannot be created on PostgreSQL 14 or newer"
                + " (the target runs " + context.target().majorVersion() + "): " + Names.list(operators) + ".";
    }

    @Override
    protected String remediation(List<String> operators, RuleContext context) {
        return "On the source, replace each with a prefix operator or a function call, then: "
                + Names.statements(operators, o -> "DROP OPERATOR " + o + ";");
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No user-defined postfix operator.";
    }
}
