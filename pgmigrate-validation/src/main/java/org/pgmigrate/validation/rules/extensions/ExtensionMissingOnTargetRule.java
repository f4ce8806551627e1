package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceExtensions;

/** Every extension of the source can be installed on the target (its files are there, or the provider allows it). */
public final class ExtensionMissingOnTargetRule extends ObjectsRule {
    public ExtensionMissingOnTargetRule() {
        super("extension-missing-on-target", Category.EXTENSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        Map<String, String> installed = SourceExtensions.read(context.source());
        List<String> available = context.target().strings("SELECT name FROM pg_catalog.pg_available_extensions WHERE name = ANY (?::text[])",
                installed.keySet());
        List<String> missing = new ArrayList<>();
        installed.forEach((name, version) -> {
            if (!available.contains(name)) {
                missing.add(SqlNames.ident(name) + " " + version);
            }
        });
        return missing;
    }

    @Override
    protected String problem(List<String> extensions, RuleContext context) {
        return "The target server cannot install " + Names.count(extensions.size(), "extension", "extensions")
                + " the source uses: " + Names.list(extensions) + ".";
    }

    @Override
    protected String remediation(List<String> extensions, RuleContext context) {
        return "Install the extensions' packages on the target server (or allow-list them with your provider, e.g. azure.extensions),"
                + " or drop them from the source if unused (DROP EXTENSION name;).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The target can install every extension of the source.";
    }
}
