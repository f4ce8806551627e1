package org.pgmigrate.engine.internal.online;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-dimensional {@code text[]} in PostgreSQL's text output, as the stream sends it:
 * {@code {a,"b c","d\"e",NULL}}. Elements are double-quoted when they hold a delimiter, quote,
 * backslash, brace or blank, or spell NULL; inside quotes a backslash escapes the next character.
 */
final class TextArray {
    private TextArray() {}

    /** The elements of {@code text}; a NULL element is null. */
    static List<String> parse(String text) {
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new IllegalArgumentException("not a one-dimensional array: " + text);
        }
        List<String> elements = new ArrayList<>();
        int end = text.length() - 1;
        int i = 1;
        while (i < end) {
            StringBuilder element = new StringBuilder();
            boolean quoted = text.charAt(i) == '"';
            if (quoted) {
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(text.charAt(i++));
                }
                i++; // the closing quote
            } else {
                while (i < end && text.charAt(i) != ',') {
                    element.append(text.charAt(i++));
                }
            }
            String value = element.toString();
            elements.add(!quoted && value.equals("NULL") ? null : value);
            i++; // the comma, or past the end
        }
        return elements;
    }
}
