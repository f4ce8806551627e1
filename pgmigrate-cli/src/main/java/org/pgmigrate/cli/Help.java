package org.pgmigrate.cli;

import java.util.List;

/** Formats the option table of a command's help from the same list the parser uses, so they cannot drift. */
final class Help {
    private static final int COLUMN = 29;

    private Help() {}

    static String options(List<Arguments.Option> options) {
        StringBuilder s = new StringBuilder("Options:\n");
        for (Arguments.Option option : options) {
            String synopsis = option.name.equals("--help") ? "-h, --help" : option.synopsis();
            String[] lines = option.description.split("\n");
            if (synopsis.length() < COLUMN) {
                s.append(String.format("  %-" + COLUMN + "s%s\n", synopsis, lines[0]));
            } else {
                // too wide for the column: the description starts on the next line, aligned with the others
                s.append("  ").append(synopsis).append("\n").append(" ".repeat(COLUMN + 2)).append(lines[0]).append("\n");
            }
            for (int i = 1; i < lines.length; i++) {
                s.append(" ".repeat(COLUMN + 2)).append(lines[i]).append("\n");
            }
        }
        return s.toString();
    }

    static final String EXIT_CODES = String.join("\n",
            "Exit codes:",
            "  0  the migration completed",
            "  1  the migration failed; the message says why and what to do",
            "  2  bad usage: unknown option, missing or malformed value, malformed URL",
            "  3  validation failed (--validate): a rule found a problem; nothing was changed",
            "  4  the copy completed but verification found differences between target and source",
            "");
}
