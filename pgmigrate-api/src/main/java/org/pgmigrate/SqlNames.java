package org.pgmigrate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Renders PostgreSQL identifiers as SQL would show them, for messages and reports. */
final class SqlNames {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SqlNames() {}

    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    static String ident(String name) {
        if (PLAIN.matcher(name).matches() && name.equals(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
