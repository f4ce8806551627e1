package org.pgmigrate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.pgmigrate.Migration;

/**
 * The filter options of {@code migrate}: each takes comma-separated pg_dump-style patterns, as
 * {@code --disable-rule} takes its ids. A comma inside double quotes belongs to the name.
 */
final class FilterOptions {
    private record Filter(Arguments.Option option, BiConsumer<Migration.Builder, String[]> apply) {}

    private static final List<Filter> FILTERS = List.of(
            new Filter(new Arguments.Option("--include-schema", "PATTERN[,...]",
                    "migrate only these schemas (* and ? wildcards; unquoted\nletters fold to lower case, \"Quoted\" is literal)"),
                    Migration.Builder::includeSchemas),
            new Filter(new Arguments.Option("--exclude-schema", "PATTERN[,...]", "leave out these schemas and all they hold"),
                    Migration.Builder::excludeSchemas),
            new Filter(new Arguments.Option("--include-table", "PATTERN[,...]",
                    "migrate only these tables, views and sequences\n(schema.table, or table in any schema)"),
                    Migration.Builder::includeTables),
            new Filter(new Arguments.Option("--exclude-table", "PATTERN[,...]", "leave out these tables, views and sequences"),
                    Migration.Builder::excludeTables),
            new Filter(new Arguments.Option("--exclude-table-data", "PATTERN[,...]",
                    "create these tables with their indexes, but copy no rows"),
                    Migration.Builder::excludeTableData),
            new Filter(new Arguments.Option("--exclude-extension", "NAME[,...]", "do not create these extensions"),
                    Migration.Builder::excludeExtensions));

    static final List<Arguments.Option> OPTIONS = FILTERS.stream().map(Filter::option).toList();

    private FilterOptions() {}

    /** Adds the patterns of every filter option given to {@code migration}. */
    static void apply(Arguments arguments, Migration.Builder migration) {
        for (Filter filter : FILTERS) {
            arguments.value(filter.option().name).ifPresent(v -> filter.apply().accept(migration, patterns(v)));
        }
    }

    /** {@code a,"b,c",d} as {@code a}, {@code "b,c"}, {@code d}: commas split outside double quotes. */
    static String[] patterns(String value) {
        List<String> patterns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
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
