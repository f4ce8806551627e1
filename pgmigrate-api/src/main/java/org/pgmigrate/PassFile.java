package org.pgmigrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks a password up in a password file of libpq's {@code .pgpass} format:
 * {@code hostname:port:database:username:password} a line, {@code *} matching anything in the
 * first four fields, {@code \:} and {@code \\} standing for a colon and a backslash, the first
 * matching line winning, and lines starting with {@code #} ignored.
 *
 * <p>pgjdbc reads {@code PGPASSFILE} or {@code ~/.pgpass} by itself but cannot be pointed at
 * another file without a JVM-wide system property, hence this reader for
 * {@link Endpoint#passFile()}.
 */
final class PassFile {
    private PassFile() {}

    /** The password for the connection described, if a line of {@code file} matches it. */
    static Optional<String> lookup(Path file, String host, String port, String database, String user) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // the exception's own message could quote the file; the type and path are enough
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                    "Cannot read the password file " + file + " (" + e.getClass().getSimpleName() + "); check that it exists and is readable.");
        }
        String[] wanted = {host, port, database, user};
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (fields.size() == 5 && matches(fields, wanted)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> fields, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (!fields.get(i).equals("*") && !fields.get(i).equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The line's fields with escapes resolved; the fifth (password) runs to the end of the line,
     * colons and all, as in libpq. A literal {@code *} written {@code \*} is kept as "*" and so
     * still matches anything, as libpq does too.
     */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
