package org.pgmigrate.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer, pretty-printed with two-space indents. It refuses misuse (a value
 * without a name inside an object, unbalanced ends) so that a report can never be malformed.
 *
 * <p>Strings are escaped per RFC 8259: quote, backslash and every control character are escaped;
 * other characters pass through unchanged (the report is written as UTF-8), except U+2028/U+2029
 * (which break JavaScript embedding) and unpaired surrogates (which cannot be encoded as UTF-8).
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One open object or array. */
    private static final class Scope {
        final boolean object;
        int entries;

        Scope(boolean object) {
            this.object = object;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean nameWritten;
    private boolean rootWritten;

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(new Scope(true));
        return this;
    }

    JsonWriter endObject() {
        return end(true, '}');
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(new Scope(false));
        return this;
    }

    JsonWriter endArray() {
        return end(false, ']');
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        Scope scope = scopes.peek();
        if (scope == null || !scope.object || nameWritten) {
            throw new IllegalStateException("A name belongs inside an object, before its value: " + name);
        }
        newEntry(scope);
        quote(name, out);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        quote(value, out);
        return this;
    }

    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A finite number, with one decimal; JSON has no NaN or Infinity, so those become null. */
    JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            return nullValue();
        }
        beforeValue();
        out.append(java.math.BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    /** The document, once every object and array is closed; ends with a newline like any text file. */
    String toJson() {
        if (!rootWritten || !scopes.isEmpty()) {
            throw new IllegalStateException("The JSON document is incomplete.");
        }
        return out + "\n";
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(s, b);
        return b.toString();
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(s, i)) {
                        b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        if (scope == null) {
            if (rootWritten) {
                throw new IllegalStateException("A JSON document has one root value.");
            }
            rootWritten = true;
        } else if (scope.object) {
            if (!nameWritten) {
                throw new IllegalStateException("A value inside an object needs a name first.");
            }
            nameWritten = false;
        } else {
            newEntry(scope);
        }
    }

    private void newEntry(Scope scope) {
        if (scope.entries++ > 0) {
            out.append(',');
        }
        newline(scopes.size());
    }

    private JsonWriter end(boolean object, char bracket) {
        Scope scope = scopes.peek();
        if (scope == null || scope.object != object || nameWritten) {
            throw new IllegalStateException("Unbalanced " + bracket);
        }
        scopes.pop();
        if (scope.entries > 0) {
            newline(scopes.size());
        }
        out.append(bracket);
        return this;
    }

    private void newline(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }
}
