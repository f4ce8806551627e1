package org.pgmigrate.benchmarks.tools;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The contenders, by the name {@code --tools} takes. */
public enum ToolId {
    PGMIGRATE("pgmigrate"),
    PGMIGRATE_COPY("pgmigrate-copy"),
    DUMP_RESTORE("dump-restore"),
    DUMP_PSQL("dump-psql"),
    PGCOPYDB("pgcopydb");

    private final String id;

    ToolId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code all}, or ids separated by commas ({@code pgmigrate,pgcopydb}). */
    public static Set<ToolId> parseList(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(ToolId.class);
        }
        Set<ToolId> chosen = EnumSet.noneOf(ToolId.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            chosen.add(Arrays.stream(values()).filter(t -> t.id.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown tool '" + part.trim() + "'; choose from all, " + allIds())));
        }
        return chosen;
    }

    static String allIds() {
        return Arrays.stream(values()).map(ToolId::id).collect(Collectors.joining(", "));
    }
}
