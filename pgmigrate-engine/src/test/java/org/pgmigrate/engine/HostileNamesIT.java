package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Identifiers, literals and data of any shape (quotes, backslashes, newlines, {@code $$}, comment
 * markers, semicolons, unusual code points, bytes that are not UTF-8) migrate unchanged and never
 * execute as SQL.
 */
class HostileNamesIT {
    private static final String NAMES = "SELECT n.nspname || ' / ' || c.relname || ' / ' || a.attname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
            + " UNION ALL SELECT conname FROM pg_constraint WHERE connamespace > 16384"
            + " UNION ALL SELECT proname FROM pg_proc WHERE pronamespace > 16384"
            + " UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1";

    private static PostgresServer source;
    private static PostgresServer target;

    @BeforeContainer
    static void start() {
        source = PostgresServer.start(17);
        target = PostgresServer.start(17);
    }

    @AfterContainer
    static void stop() {
        target.close();
        source.close();
    }

    @Provide
    Arbitrary<String> identifiers() {
        Arbitrary<String> odd = Arbitraries.strings()
                .withChars("\"'`;$\\ \t\n-.()*/")
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("éß中")
                .ofMinLength(1).ofMaxLength(40);
        // characters outside the BMP are two chars in Java: add them whole, never as lone surrogates
        Arbitrary<String> astral = odd.map(s -> s + "\uD83D\uDE00");
        Arbitrary<String> reserved = Arbitraries.of("select", "user", "table", "order", "group", "from", "Drop Table x; --", "$$", "\"", "63");
        return Arbitraries.oneOf(odd, astral, reserved)
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= 63);
    }

    /** Text meant to break out of a literal, a dollar quote or a comment, and to drop the canary table if it ever runs. */
    private static final List<String> ATTACKS = List.of(
            "x'; DROP TABLE public.canary; --", "x''; DROP TABLE public.canary; --", "\\'; DROP TABLE public.canary; --",
            "$$; DROP TABLE public.canary; $$", "$f$; DROP TABLE public.canary; $f$", "*/ DROP TABLE public.canary; /*",
            "\n; DROP TABLE public.canary;\n", "E'\\x41'", "\\", "'", "''", "$1", "$$", "--", "/*", ";", "", " ");

    @Provide
    Arbitrary<String> literals() {
        Arbitrary<String> odd = Arbitraries.strings()
                .withChars("'\"`;$\\ \t\n\r-/*()E")
                .withCharRange('a', 'f')
                .withChars("é中\u00a0\u2028\ufeff\u0001\u007f")
                .ofMinLength(0).ofMaxLength(60);
        Arbitrary<String> astral = odd.map(s -> s + "\uD83D\uDE00");
        return Arbitraries.oneOf(odd, odd, astral, Arbitraries.of(ATTACKS));
    }

    /** Enum labels: at most 63 bytes, and never empty. */
    @Provide
    Arbitrary<String> labels() {
        return literals().filter(s -> !s.isEmpty() && s.getBytes(StandardCharsets.UTF_8).length <= 62);
    }

    @Property(tries = 12)
    void hostileLiteralsAndDataMigrateExactly(@ForAll("literals") String comment, @ForAll("literals") String fallback,
                                              @ForAll("labels") String label, @ForAll("literals") String data,
                                              @ForAll @Size(max = 64) byte[] bytes) throws SQLException {
        Assume.that(!fallback.equals(data + "x"));
        try (TestDatabase src = source.createDatabase(); TestDatabase tgt = target.createDatabase()) {
            String body = "SELECT " + literal(src, data) + "::text";
            src.execute("CREATE TABLE public.canary (id int PRIMARY KEY); INSERT INTO public.canary VALUES (1)"
                    + "; CREATE TYPE public.mood AS ENUM (" + literal(src, label) + ", " + literal(src, label + "2") + ")"
                    + "; CREATE TABLE public.hostile (id int PRIMARY KEY, note text DEFAULT " + literal(src, fallback)
                    + " CONSTRAINT note_check CHECK (note IS DISTINCT FROM " + literal(src, data + "x") + ")"
                    + ", mood public.mood DEFAULT " + literal(src, label + "2") + ", raw bytea)"
                    + "; COMMENT ON COLUMN public.hostile.note IS " + literal(src, comment)
                    + "; COMMENT ON TYPE public.mood IS " + literal(src, comment)
                    + "; COMMENT ON CONSTRAINT note_check ON public.hostile IS " + literal(src, comment)
                    + "; CREATE VIEW public.hostile_v AS SELECT id, note || " + literal(src, data) + " AS w FROM public.hostile"
                    + "; CREATE FUNCTION public.hostile_f() RETURNS text LANGUAGE sql AS " + literal(src, body)
                    + "; CREATE INDEX hostile_i ON public.hostile (note) WHERE note <> " + literal(src, comment));
            try (Connection c = src.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO public.hostile (id, note, mood, raw) VALUES (1, ?, ?::public.mood, ?)")) {
                ps.setString(1, data);
                ps.setString(2, label);
                ps.setBytes(3, bytes);
                ps.executeUpdate();
            }
            src.execute("INSERT INTO public.hostile (id) VALUES (2)");

            Migration.from(src.endpoint()).to(tgt.endpoint()).jobs(2).execute();

            assertThatDatabase(tgt).isEquivalentTo(src);
            assertThat(tgt.queryValue("SELECT count(*) FROM public.canary")).as("the canary lives").isEqualTo("1");
            assertThat(tgt.queryColumn("SELECT note FROM public.hostile ORDER BY id")).containsExactly(data, fallback);
            assertThat(tgt.queryColumn("SELECT mood::text FROM public.hostile ORDER BY id")).containsExactly(label, label + "2");
            assertThat(tgt.queryValue("SELECT encode(raw, 'hex') FROM public.hostile WHERE id = 1")).isEqualTo(hex(bytes));
            // COMMENT ... IS '' removes a comment
            assertThat(tgt.queryValue("SELECT col_description('public.hostile'::regclass, 2)")).isEqualTo(comment.isEmpty() ? null : comment);
            assertThat(tgt.queryValue("SELECT public.hostile_f()")).isEqualTo(data);
        }
    }

    /**
     * Bytes that are not UTF-8 in the rows of a SQL_ASCII database (which stores bytes as given),
     * and UTF-8 in its names, arrive unchanged in another SQL_ASCII database; into a UTF-8 database
     * such rows cannot go, and the failure names the table. (Names and comments that are not UTF-8
     * fail while the catalogs are read: pgjdbc reads and writes SQL text in UTF-8 only.)
     */
    @Property(tries = 4)
    void nonUtf8BytesOfSqlAsciiDatabasesMigrateExactly(@ForAll @Size(max = 32) byte[] generated) throws SQLException {
        byte[] bytes = java.util.Arrays.copyOf(generated, generated.length + 1);
        bytes[generated.length] = (byte) 0xff; // never valid in UTF-8
        Assume.that(!new String(bytes, StandardCharsets.ISO_8859_1).contains("\0")); // text cannot hold NUL
        String raw = "convert_from('\\x" + hex(bytes) + "'::bytea, 'SQL_ASCII')";
        try (TestDatabase src = source.createDatabase(PostgresServer.Charset.SQL_ASCII);
             TestDatabase tgt = target.createDatabase(PostgresServer.Charset.SQL_ASCII);
             TestDatabase utf8 = target.createDatabase()) {
            // convert_from(..., 'SQL_ASCII') makes text of the bytes unchecked; the second table has a UTF-8 name
            src.execute("CREATE TABLE public.raw_text (id int PRIMARY KEY, t text)"
                    + "; INSERT INTO public.raw_text VALUES (1, " + raw + ")"
                    + "; DO $$ BEGIN EXECUTE format('CREATE TABLE public.%I (v text)', 'named_' || convert_from('\\xc3a9e4b8ad', 'SQL_ASCII'));"
                    + " EXECUTE format('INSERT INTO public.%I VALUES (%L)', 'named_' || convert_from('\\xc3a9e4b8ad', 'SQL_ASCII'), " + raw + "); END $$");

            MigrationResult result = Migration.from(src.endpoint()).to(tgt.endpoint()).jobs(2).execute();

            assertThat(result.completed()).isTrue();
            String bytesOf = "SELECT encode(convert_to(%s, 'SQL_ASCII'), 'hex')";
            assertThat(tgt.queryValue(String.format(bytesOf, "t") + " FROM public.raw_text")).isEqualTo(hex(bytes));
            assertThat(tgt.queryValue(String.format(bytesOf, "relname") + " FROM pg_class WHERE relname LIKE 'named%'"))
                    .isEqualTo(hex("named_".getBytes(StandardCharsets.US_ASCII)) + "c3a9e4b8ad");
            assertThatDatabase(tgt).isEquivalentTo(src);

            assertThatThrownBy(() -> Migration.from(src.endpoint()).to(utf8.endpoint()).jobs(2).execute())
                    .isInstanceOf(PgMigrateException.class)
                    .hasMessageContaining("invalid byte sequence");
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    @Property(tries = 12)
    void oddIdentifiersMigrateExactly(@ForAll("identifiers") String schema, @ForAll("identifiers") String table,
                                      @ForAll("identifiers") String column, @ForAll("identifiers") String other) throws SQLException {
        if (List.of(schema, table, column, other).stream().distinct().count() < 4) {
            return; // names must differ to be told apart in the catalogs
        }
        try (TestDatabase src = source.createDatabase(); TestDatabase tgt = target.createDatabase()) {
            String s = ident(schema);
            String t = s + "." + ident(table);
            src.execute("CREATE SCHEMA " + s
                    + "; CREATE TABLE " + t + " (" + ident(column) + " text CONSTRAINT " + ident(other) + " PRIMARY KEY, "
                    + ident(other + "2") + " int GENERATED BY DEFAULT AS IDENTITY)"
                    + "; CREATE INDEX " + ident(other + "_i") + " ON " + t + " (lower(" + ident(column) + "))"
                    + "; CREATE VIEW " + s + "." + ident(other + "_v") + " AS SELECT " + ident(column) + " FROM " + t
                    + "; CREATE FUNCTION " + s + "." + ident(other + "_f") + "() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$"
                    + "; CREATE TRIGGER " + ident(other + "_t") + " BEFORE INSERT ON " + t + " FOR EACH ROW EXECUTE FUNCTION "
                    + s + "." + ident(other + "_f") + "()"
                    + "; COMMENT ON TABLE " + t + " IS " + literal(src, other));
            try (Connection c = src.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (" + ident(column) + ") VALUES (?), (?)")) {
                ps.setString(1, schema);
                ps.setString(2, other);
                ps.executeUpdate();
            }
            Migration.from(src.endpoint()).to(tgt.endpoint()).jobs(2).execute();
            assertThat(tgt.queryColumn(NAMES)).isEqualTo(src.queryColumn(NAMES)).isNotEmpty();
            String rows = "SELECT " + ident(column) + " FROM " + t + " ORDER BY 1";
            assertThat(tgt.queryColumn(rows)).isEqualTo(src.queryColumn(rows)).hasSize(2);
            String comment = "SELECT obj_description(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')";
            assertThat(src.queryValue(comment)).as("source comment").isEqualTo(other);
            assertThat(tgt.queryValue(comment)).as("target comment").isEqualTo(other);
        }
    }

    private static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(TestDatabase db, String value) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT quote_literal(?)")) {
            ps.setString(1, value);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
