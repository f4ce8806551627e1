package org.pgmigrate.cli;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Migration;
import picocli.CommandLine.Option;

/**
 * The filter options of {@code migrate}: each takes comma-separated pg_dump-style patterns, as
 * {@code --disable-rule} takes its ids. A comma inside double quotes belongs to the name.
 */
final class FilterOptions {
    @Option(names = "--include-schema", paramLabel = "PATTERN[,...]", order = 60,
            description = "migrate only these schemas (* and ? wildcards; unquoted letters fold to lower case, \"Quoted\" is literal)")
    String includeSchemas;

    @Option(names = "--exclude-schema", paramLabel = "PATTERN[,...]", order = 61, description = "leave out these schemas and all they hold")
    String excludeSchemas;

    @Option(names = "--include-table", paramLabel = "PATTERN[,...]", order = 62,
            description = "migrate only these tables, views and sequences (schema.table, or table in any schema)")
    String includeTables;

    @Option(names = "--exclude-table", paramLabel = "PATTERN[,...]", order = 63, description = "leave out these tables, views and sequences")
    String excludeTables;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN[,...]", order = 64,
            description = "create these tables with their indexes, but copy no rows")
    String excludeTableData;

    @Option(names = "--exclude-extension", paramLabel = "NAME[,...]", order = 65, description = "do not create these extensions")
    String excludeExtensions;

    /** Adds the patterns of every filter option given to {@code migration}. */
    void apply(Migration.Builder migration) {
        migration.includeSchemas(patterns(includeSchemas))
                .excludeSchemas(patterns(excludeSchemas))
                .includeTables(patterns(includeTables))
                .excludeTables(patterns(excludeTables))
                .excludeTableData(patterns(excludeTableData))
                .excludeExtensions(patterns(excludeExtensions));
    }

    /** {@code a,"b,c",d} as {@code a}, {@code "b,c"}, {@code d}: commas split outside double quotes; none when absent. */
    static String[] patterns(String value) {
        List<String> patterns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : (value == null ? "" : value).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(patterns, current);
            } else {
                current.append(c);
            }
        }
        add(patterns, current);
        return patterns.toArray(String[]::new);
    }

    private static void add(List<String> patterns, StringBuilder current) {
        String pattern = current.toString().trim();
        if (!pattern.isEmpty()) {
            patterns.add(pattern);
        }
        current.setLength(0);
    }
}
