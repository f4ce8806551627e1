package org.pgmigrate.cli;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Migration;
import org.pgmigrate.TablespaceMapping;
import picocli.CommandLine.Option;

/**
 * The tablespace options of {@code migrate} and {@code verify}, mixed into both: where the relations of source
 * tablespaces go on the target. Names are taken as the catalogs spell them (case matters); a name
 * with a comma or an equals sign goes in double quotes.
 */
final class TablespaceOptions {
    static final String MAP = "--tablespace-map";
    static final String TO_DEFAULT = "--tablespace-default";

    @Option(names = MAP, paramLabel = "OLD=NEW[,...]", order = 50,
            description = "put what lies in source tablespace OLD into tablespace NEW of the target (default: the tablespace of"
                    + " the same name, which the target must have, or the migration is refused)")
    String map;

    @Option(names = TO_DEFAULT, paramLabel = "NAME[,...]|all", order = 51,
            description = "put what lies in these source tablespaces (all: in every one " + MAP + " does not name) into the"
                    + " target database's default tablespace")
    String toDefault;

    /** Adds the mappings the options give to {@code migration}. */
    void apply(Migration.Builder migration) throws UsageException {
        List<TablespaceMapping> mappings = new ArrayList<>();
        for (String pair : FilterOptions.patterns(map)) {
            String[] parts = split(pair);
            if (parts == null) {
                throw new UsageException("option " + MAP + " takes OLD=NEW pairs, not '" + pair + "'");
            }
            mappings.add(TablespaceMapping.map(parts[0], parts[1]));
        }
        List<String> names = List.of(FilterOptions.patterns(toDefault));
        if (names.equals(List.of("all"))) {
            mappings.add(TablespaceMapping.allToDefault());
        } else {
            names.forEach(name -> mappings.add(TablespaceMapping.toDefault(unquoted(name))));
        }
        migration.tablespaces(mappings.toArray(TablespaceMapping[]::new));
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
