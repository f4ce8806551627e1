package org.pgmigrate.cli;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Migration;
import org.pgmigrate.TablespaceMapping;

/**
 * The tablespace options of {@code migrate} and {@code verify}: where the relations of source
 * tablespaces go on the target. Names are taken as the catalogs spell them (case matters); a name
 * with a comma or an equals sign goes in double quotes.
 */
final class TablespaceOptions {
    static final Arguments.Option MAP = new Arguments.Option("--tablespace-map", "OLD=NEW[,...]",
            "put what lies in source tablespace OLD into tablespace NEW of\nthe target (default: the tablespace of the same name, which\n"
                    + "the target must have, or the migration is refused)");
    static final Arguments.Option TO_DEFAULT = new Arguments.Option("--tablespace-default", "NAME[,...]|all",
            "put what lies in these source tablespaces (all: in every one\n--tablespace-map does not name) into the target database's\n"
                    + "default tablespace");

    static final List<Arguments.Option> OPTIONS = List.of(MAP, TO_DEFAULT);

    private TablespaceOptions() {}

    /** Adds the mappings the options give to {@code migration}. */
    static void apply(Arguments arguments, Migration.Builder migration) throws UsageException {
        List<TablespaceMapping> mappings = new ArrayList<>();
        for (String pair : names(arguments, MAP.name)) {
            String[] parts = split(pair);
            if (parts == null) {
                throw new UsageException("option " + MAP.name + " takes OLD=NEW pairs, not '" + pair + "'");
            }
            mappings.add(TablespaceMapping.map(parts[0], parts[1]));
        }
        List<String> toDefault = names(arguments, TO_DEFAULT.name);
        if (toDefault.equals(List.of("all"))) {
            mappings.add(TablespaceMapping.allToDefault());
        } else {
            toDefault.forEach(name -> mappings.add(TablespaceMapping.toDefault(unquoted(name))));
        }
        migration.tablespaces(mappings.toArray(TablespaceMapping[]::new));
    }

    private static List<String> names(Arguments arguments, String option) {
        List<String> names = new ArrayList<>();
        arguments.value(option).ifPresent(v -> {
            for (String name : FilterOptions.patterns(v)) {
                names.add(name);
            }
        });
        return names;
    }

    /** {@code OLD=NEW} with each side unquoted, or null when there is no {@code =} outside quotes or a side is empty. */
    private static String[] split(String pair) {
        boolean quoted = false;
        for (int i = 0; i < pair.length(); i++) {
            char c = pair.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '=' && !quoted) {
                String from = unquoted(pair.substring(0, i).trim());
                String to = unquoted(pair.substring(i + 1).trim());
                return from.isEmpty() || to.isEmpty() ? null : new String[] {from, to};
            }
        }
        return null;
    }

    private static String unquoted(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
