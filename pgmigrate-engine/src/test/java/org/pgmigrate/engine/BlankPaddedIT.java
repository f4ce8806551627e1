package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * {@code character(n)} values (and those of a domain over it) travel without their padding and
 * arrive padded as they were; the types that look alike but keep trailing spaces
 * ({@code character} without a length, arrays, varchar, text) and other trailing white space
 * arrive untouched.
 */
class BlankPaddedIT {
    /** Every column as the server prints it, with its stored length where trailing spaces count. */
    private static final String ROWS = "SELECT concat_ws(' | ', id, c5, octet_length(c5), c84, octet_length(c84), one, octet_length(one),"
            + " code, octet_length(code), free, octet_length(free), arr, v, octet_length(v), t, octet_length(t)) FROM public.padded ORDER BY id";

    @ParameterizedTest(name = "PostgreSQL {0} to {1}, {2}, split {3}")
    @CsvSource({"17, 17, BINARY, false", "17, 17, TEXT, true", "12, 17, AUTO, true"})
    void paddedValuesArriveAsTheyWere(int sourceMajor, int targetMajor, CopyFormat format, boolean split) {
        try (PostgresServer sourceServer = PostgresServer.start(sourceMajor);
             PostgresServer targetServer = PostgresServer.start(targetMajor);
             TestDatabase source = sourceServer.createDatabase("pad");
             TestDatabase target = targetServer.createDatabase("pad")) {
            source.execute("""
                    CREATE DOMAIN public.code3 AS character(3);
                    CREATE TABLE public.padded (
                        id integer PRIMARY KEY, c5 character(5), c84 character(84), one character, code public.code3,
                        free bpchar, arr character(2)[], v varchar(10), t text);
                    INSERT INTO public.padded VALUES
                        (1, 'ab', '', 'x', 'a', 'keep  ', '{"a","b "}', 'v  ', 't  '),
                        (2, 'abcde', repeat('é', 84), ' ', 'abc', '  ', NULL, '  ', ' '),
                        (3, 'é中 ', 'a' || repeat(' ', 50) || 'b', NULL, NULL, NULL, '{}', NULL, NULL),
                        (4, E'a\\t', E'\\\\ ', 'é', E'\\t', E'a\\t ', '{" "}', E'\\t ', E' \\n '),
                        (5, '', E'x\\u3000', '', '', '', '{"",NULL}', '', ''),
                        (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                    INSERT INTO public.padded
                    SELECT i, left(md5(i::text), i % 6), repeat('z', i % 84), CASE WHEN i % 2 = 0 THEN 'y' END, 'q',
                           'f' || repeat(' ', i % 3), ARRAY['a '], 'v' || repeat(' ', i % 4), 't '
                    FROM generate_series(10, 20000) i;
                    ANALYZE public.padded;
                    """);
            String sourceRows = String.join("\n", source.queryColumn(ROWS));

            MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).copyFormat(format)
                    .splitTablesLargerThan(split ? 1 : 1L << 30).execute();

            assertThat(result.completed()).isTrue();
            assertThat(String.join("\n", target.queryColumn(ROWS))).isEqualTo(sourceRows);
            assertThat(target.queryValue("SELECT octet_length(c84) FROM public.padded WHERE id = 1")).isEqualTo("84");
            assertThat(target.queryValue("SELECT octet_length(free) FROM public.padded WHERE id = 1")).isEqualTo("6");
            assertThatDatabase(target).isEquivalentTo(source);
        }
    }
}
