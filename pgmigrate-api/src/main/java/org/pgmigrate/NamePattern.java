package org.pgmigrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One name pattern as pg_dump's {@code -n} and {@code -t} read them: {@code schema.name} or
 * {@code name}; outside double quotes {@code *} matches any run of characters, {@code ?} any one
 * character, {@code .} separates the parts, and letters fold to lower case as unquoted SQL
 * identifiers do; inside double quotes every character stands for itself ({@code ""} for a quote).
 */
final class NamePattern {
    private final String text;
    private final List<Pattern> parts;

    private NamePattern(String text, List<Pattern> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param maxParts 1 for schema and extension patterns, 2 for table patterns
     * @throws PgMigrateException ({@link ErrorKind#INVALID_REQUEST}) for an empty part, an
     *     unterminated quote or too many parts
     */
    static NamePattern parse(String text, int maxParts, String what) {
        List<Pattern> parts = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        boolean quoted = false;
        boolean empty = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    regex.append(Pattern.quote("\""));
                    i++;
                } else {
                    quoted = !quoted;
                }
                empty = false;
            } else if (quoted) {
                regex.append(Pattern.quote(String.valueOf(c)));
            } else if (c == '.') {
                parts.add(part(regex, empty, text, what));
                regex.setLength(0);
                empty = true;
            } else {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(foldCase(c))));
                empty = false;
            }
        }
        if (quoted) {
            throw invalid(text, what, "a double quote is not closed");
        }
        parts.add(part(regex, empty, text, what));
        if (parts.size() > maxParts) {
            throw invalid(text, what, maxParts == 1 ? "it must be a single name, without a dot outside quotes"
                    : "it has more than two dot-separated parts (schema.name)");
        }
        return new NamePattern(text, List.copyOf(parts));
    }

    private static Pattern part(StringBuilder regex, boolean empty, String text, String what) {
        if (empty) {
            throw invalid(text, what, "a part is empty");
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Like an unquoted SQL identifier: ASCII letters only, as PostgreSQL does in UTF-8 databases. */
    private static char foldCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static PgMigrateException invalid(String text, String what, String why) {
        return new PgMigrateException(ErrorKind.INVALID_REQUEST, "Invalid " + what + " pattern '" + text + "': " + why + ".");
    }

    /** Whether a one-part pattern matches {@code name}. */
    boolean matches(String name) {
        return parts.size() == 1 && parts.get(0).matcher(name).matches();
    }

    /** Whether the pattern matches {@code schema.name}; a one-part pattern matches the name in any schema. */
    boolean matches(String schema, String name) {
        if (parts.size() == 1) {
            return parts.get(0).matcher(name).matches();
        }
        return parts.get(0).matcher(schema).matches() && parts.get(1).matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
