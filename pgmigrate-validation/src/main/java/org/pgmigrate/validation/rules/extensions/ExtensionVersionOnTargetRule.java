package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.ExtensionVersions;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.SourceExtensions;

/**
 * The target offers each source extension in the source's version. If it offers only newer ones,
 * the migration installs the target's default and warns; if only older ones, objects and data of
 * the newer version may not fit, so it fails.
 */
public final class ExtensionVersionOnTargetRule extends BaseRule {
    public ExtensionVersionOnTargetRule() {
        super("extension-version-on-target", Category.EXTENSIONS);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        Map<String, String> installed = SourceExtensions.read(context.source());
        Map<String, Set<String>> offered = new HashMap<>();
        context.target().query("SELECT name, version FROM pg_catalog.pg_available_extension_versions WHERE name = ANY (?::text[])",
                row -> offered.computeIfAbsent(row.getString(1), k -> new TreeSet<>(ExtensionVersions.ORDER)).add(row.getString(2)),
                installed.keySet());
        List<String> older = new ArrayList<>();
        List<String> newer = new ArrayList<>();
        installed.forEach((name, version) -> {
            Set<String> versions = offered.get(name);
            if (versions == null || versions.contains(version)) {
                return; // missing altogether is extension-missing-on-target's finding
            }
            String entry = SqlNames.ident(name) + " " + version + " (target offers " + String.join(", ", versions) + ")";
            boolean anyNewer = versions.stream().anyMatch(v -> ExtensionVersions.ORDER.compare(v, version) > 0);
            (anyNewer ? newer : older).add(entry);
        });
        List<Finding> findings = new ArrayList<>();
        if (!older.isEmpty()) {
            findings.add(failed("The target offers only older versions of " + Names.count(older.size(), "extension", "extensions")
                            + ": " + Names.list(older) + ". Objects and data of the source's version may not load into them.",
                    "Install the source's version of each extension on the target server (or a newer one), or use a newer target.",
                    older));
        }
        if (!newer.isEmpty()) {
            findings.add(warning("The target does not offer the source's version of " + Names.count(newer.size(), "extension", "extensions")
                            + ", only newer ones: " + Names.list(newer) + ". The target's default version is installed instead.",
                    "Check the extensions' release notes for changes; after the migration, run ALTER EXTENSION name UPDATE; on the target if needed.",
                    newer));
        }
        return findings.isEmpty() ? List.of(succeeded("The target offers each extension in the source's version.")) : findings;
    }
}
