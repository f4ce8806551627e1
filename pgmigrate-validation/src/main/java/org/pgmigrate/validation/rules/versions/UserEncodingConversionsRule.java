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
 * Encoding conversions with user-defined functions: PostgreSQL 14 changed the signature of
 * conversion functions. A conversion with a built-in function migrates: the newer major looks the
 * function up by name, with its own signature.
 */
public final class UserEncodingConversionsRule extends ObjectsRule {
    public UserEncodingConversionsRule() {
        super("user-encoding-conversions", Category.VERSIONS, Severity.FAILED, Side.SOURCE);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion < 140000 && targetVersion >= 140000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().qualifiedNames("SELECT n.nspname, c.conname FROM pg_catalog.pg_conversion c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace WHERE c.oid >= " + CatalogSql.FIRST_USER_OID
                + " AND c.conproc >= " + CatalogSql.FIRST_USER_OID
                + " AND " + CatalogSql.notExtensionMember("pg_conversion", "c.oid") + " ORDER BY 1, 2");
    }

    @Override
    protected String problem(List<String> conversions, RuleContext context) {
        return Names.count(conversions.size(), "encoding conversion with a user-defined function",
                "encoding conversions with user-defined functions")
                + " cannot be carried to PostgreSQL 14 or newer (the target runs " + context.target().majorVersion()
                + "), whose conversion functions have another signature: " + Names.list(conversions) + ".";
    }

    @Override
    protected String remediation(List<String> conversions, RuleContext context) {
        return "On the source: " + Names.statements(conversions, c -> "DROP CONVERSION " + c + ";")
                + " Recreate them on the target with conversion functions written for PostgreSQL 14, if still needed.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No user-defined encoding conversion.";
    }
}
