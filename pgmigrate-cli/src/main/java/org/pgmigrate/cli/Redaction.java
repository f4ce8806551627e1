package org.pgmigrate.cli;

import java.util.regex.Pattern;

/**
 * Masks passwords in command-line text before it is echoed in an error message: a user who puts a
 * URL in the wrong place must not see its password printed to a terminal or a CI log.
 */
final class Redaction {
    /** {@code scheme://user:password@}, up to the last {@code @} as libpq reads it: better to hide too much than a password. */
    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)\\S*@");
    /** {@code password=...} as a query parameter or keyword setting. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s]*");

    private Redaction() {}

    static String mask(String text) {
        String masked = URI_PASSWORD.matcher(text).replaceAll("$1***@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
