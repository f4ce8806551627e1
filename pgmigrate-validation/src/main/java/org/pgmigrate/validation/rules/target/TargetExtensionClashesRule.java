package org.pgmigrate.validation.rules.target;

import java.sql.SQLException;
import java.util.ArrayList;
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
 * Extensions already installed in the target database (from its template, say) in another schema
 * than on the source: the migration keeps the existing one, so objects that refer to the
 * extension's schema-qualified names would not find them.
 */
public final class TargetExtensionClashesRule extends ObjectsRule {
    private static final String EXTENSIONS = "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'";

    public TargetExtensionClashesRule() {
        super("target-extension-clashes", Category.TARGET_STATE, Severity.FAILED, EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        List<String[]> source = context.source().query(EXTENSIONS + " ORDER BY 1", row -> new String[] {row.getString(1), row.getString(2)});
        List<String[]> target = context.target().query(EXTENSIONS, row -> new String[] {row.getString(1), row.getString(2)});
        List<String> clashes = new ArrayList<>();
        for (String[] s : source) {
            for (String[] t : target) {
                if (s[0].equals(t[0]) && !s[1].equals(t[1])) {
                    clashes.add(SqlNames.ident(s[0]) + " (schema " + SqlNames.ident(s[1]) + " on the source, "
                            + SqlNames.ident(t[1]) + " on the target)");
                }
            }
        }
        return clashes;
    }

    @Override
    protected String problem(List<String> extensions, RuleContext context) {
        return "The target database already has " + Names.count(extensions.size(), "extension", "extensions")
                + " of the source in another schema: " + Names.list(extensions) + ".";
    }

    @Override
    protected String remediation(List<String> extensions, RuleContext context) {
        return "In the target database, DROP EXTENSION each one (or ALTER EXTENSION name SET SCHEMA as on the source, if it is"
                + " relocatable); check that the template database (template1) does not install them into every new database.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No extension of the source is installed on the target in another schema.";
    }
}
