package org.pgmigrate.validation.internal;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lists of object names in messages: complete up to a screenful, then counted. */
public final class Names {
    static final int LISTED = 10;
    static final int STATEMENTS = 5;

    private Names() {}

    /** {@code a, b, c} or {@code a, b, ... j and 25 more}. */
    public static String list(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }

    /** One statement per object, the first few only, e.g. {@code ALTER TABLE a SET WITHOUT OIDS;}. */
    public static String statements(List<String> names, Function<String, String> statement) {
        String shown = names.stream().limit(STATEMENTS).map(statement).collect(Collectors.joining(" "));
        return names.size() <= STATEMENTS ? shown : shown + " ... and the same for the other " + (names.size() - STATEMENTS) + ".";
    }

    /** "1 table" or "3 tables". */
    public static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
