package org.pgmigrate.engine.internal.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * Turns a DDL statement the source's event trigger recorded (the whole query string that ran it)
 * into the statement the target runs inside the apply transaction.
 */
final class DdlText {
    /** CONCURRENTLY cannot run in a transaction; on the target, which nothing else writes to, it gains nothing. */
    private static final Pattern CONCURRENTLY = Pattern.compile(
            "^(\\s*(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX|DROP\\s+INDEX))\\s+CONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

    private DdlText() {}

    /**
     * The statement to run on the target.
     *
     * @throws PgMigrateException ({@link ErrorKind#SOURCE_SCHEMA_CHANGED}) when the query string held
     *     more than one statement: the others (rows written, say) arrive through the stream anyway
     */
    static String forTarget(String recorded) {
        int end = statementEnd(recorded);
        if (end >= 0 && !recorded.substring(end + 1).isBlank() && !onlyComments(recorded.substring(end + 1))) {
            throw new PgMigrateException(ErrorKind.SOURCE_SCHEMA_CHANGED, "A DDL statement reached the source with other statements"
                    + " in one query string, which DDL replication cannot take apart: " + abbreviate(recorded) + ". The migration"
                    + " stopped before applying it. Send each DDL statement on its own, then resume the migration once the target"
                    + " has the same change (run it there by hand), or abandon it.");
        }
        String statement = end >= 0 ? recorded.substring(0, end) : recorded;
        Matcher m = CONCURRENTLY.matcher(statement);
        return m.find() ? m.replaceFirst("$1") : statement;
    }

    /** The position of the first semicolon outside quotes, identifiers, dollar quotes and comments, or -1. */
    static int statementEnd(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                return i;
            } else if (c == '\'' || c == '"') {
                i = sql.indexOf(c, i + 1);
                while (i >= 0 && i + 1 < sql.length() && sql.charAt(i + 1) == c) {
                    i = sql.indexOf(c, i + 2); // a doubled quote stands for itself
                }
                if (i < 0) {
                    return -1;
                }
            } else if (c == '-' && sql.startsWith("--", i)) {
                i = sql.indexOf('\n', i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = sql.indexOf("*/", i + 2);
                if (i < 0) {
                    return -1;
                }
                i++;
            } else if (c == '$') {
                Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                if (tag.lookingAt()) {
                    int close = sql.indexOf(tag.group(), tag.end());
                    if (close < 0) {
                        return -1;
                    }
                    i = close + tag.group().length() - 1;
                }
            }
            i++;
        }
        return -1;
    }

    private static boolean onlyComments(String rest) {
        return rest.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "").isBlank();
    }

    private static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
