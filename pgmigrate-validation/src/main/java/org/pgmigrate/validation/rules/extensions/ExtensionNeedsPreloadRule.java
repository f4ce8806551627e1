package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.SourceExtensions;

/**
 * Extensions that only work when their library is in the target's shared_preload_libraries: the
 * well-known ones, and any whose library the source preloads.
 */
public final class ExtensionNeedsPreloadRule extends BaseRule {
    /** Extension to the library it needs preloaded. */
    static final Map<String, String> NEEDS_PRELOAD = Map.ofEntries(
            Map.entry("pg_stat_statements", "pg_stat_statements"),
            Map.entry("pg_cron", "pg_cron"),
            Map.entry("timescaledb", "timescaledb"),
            Map.entry("pgaudit", "pgaudit"),
            Map.entry("pglogical", "pglogical"),
            Map.entry("pg_hint_plan", "pg_hint_plan"),
            Map.entry("citus", "citus"),
            Map.entry("pg_squeeze", "pg_squeeze"),
            Map.entry("pg_stat_kcache", "pg_stat_kcache"),
            Map.entry("pg_wait_sampling", "pg_wait_sampling"),
            Map.entry("pg_qualstats", "pg_qualstats"),
            Map.entry("pg_partman_bgw", "pg_partman_bgw"));

    public ExtensionNeedsPreloadRule() {
        super("extension-needs-preload", Category.EXTENSIONS);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        Set<String> sourcePreloaded = libraries(context.source().setting("shared_preload_libraries"));
        List<String> needed = new ArrayList<>();
        for (String extension : SourceExtensions.read(context.source()).keySet()) {
            String library = NEEDS_PRELOAD.getOrDefault(extension, sourcePreloaded.contains(extension) ? extension : null);
            if (library != null) {
                needed.add(library);
            }
        }
        if (needed.isEmpty()) {
            return List.of(succeeded("No extension of the source needs a preloaded library."));
        }
        Server target = context.target();
        String setting = target.setting("shared_preload_libraries");
        if (setting == null) {
            return List.of(warning("The source uses extensions that need their library in shared_preload_libraries ("
                            + Names.list(needed) + "), and the target role may not read that setting to check.",
                    "Make sure the target's shared_preload_libraries includes " + String.join(", ", needed)
                            + ", or let the target role read settings (GRANT pg_read_all_settings TO " + SqlNames.ident(target.user()) + ";).",
                    needed));
        }
        Set<String> preloaded = libraries(setting);
        List<String> missing = needed.stream().filter(l -> !preloaded.contains(l)).toList();
        if (missing.isEmpty()) {
            return List.of(succeeded("The target preloads every library the source's extensions need: " + Names.list(needed) + "."));
        }
        return List.of(failed("The target's shared_preload_libraries lacks " + Names.count(missing.size(), "library", "libraries")
                        + " that extensions of the source need: " + Names.list(missing) + ".",
                "On the target server add them to shared_preload_libraries (ALTER SYSTEM SET shared_preload_libraries = '"
                        + String.join(",", union(preloaded, missing)) + "'; or your provider's parameter settings) and restart it.",
                missing));
    }

    private static Set<String> libraries(String setting) {
        if (setting == null || setting.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(setting.split(","))
                .map(s -> s.trim().replace("\"", "").replaceFirst("^\\$libdir/", ""))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static List<String> union(Set<String> preloaded, List<String> missing) {
        List<String> all = new ArrayList<>(preloaded);
        all.addAll(missing);
        return all;
    }
}
