package org.pgmigrate.cli;

/** Help text shared by the commands' usage; {@code %n} ends a line, as picocli formats it. */
final class Help {
    private Help() {}

    static final String EXIT_CODES = "Exit codes:%n"
            + "  0  the migration completed%n"
            + "  1  the migration failed; the message says why and what to do%n"
            + "  2  bad usage: unknown option, missing or malformed value, malformed URL%n"
            + "  3  validation failed (--validate): a rule found a problem; nothing was changed%n"
            + "  4  the copy completed but verification found differences between target and source%n";
}
