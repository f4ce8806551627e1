package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Generated rows of many types migrate from PostgreSQL 11 to 17 and verify equal (text forms
 * that differ across majors, like floats, must not cause false differences), and changing any
 * one value on the target is caught.
 */
class ChecksumPropertiesIT {
    private static final String TABLE = "CREATE TABLE mixed (id int PRIMARY KEY, i bigint, n numeric, t text, d float8, r real,"
            + " b boolean, day date, ts timestamptz, iv interval, bin bytea, doc jsonb, arr int[], pt point, farr float8[])";

    private static PostgresServer source;
    private static PostgresServer target;

    @BeforeContainer
    static void start() {
        source = PostgresServer.start(11);
        target = PostgresServer.start(17);
    }

    @AfterContainer
    static void stop() {
        target.close();
        source.close();
    }

    record Row(long i, BigDecimal n, String t, double d, float r, boolean b, LocalDate day, OffsetDateTime ts, int seconds,
               byte[] bin, String doc, Integer[] arr, double x, double y) {}

    @Provide
    Arbitrary<Row> rows() {
        Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1));
        Arbitrary<String> text = Arbitraries.strings().all().excludeChars('\0').ofMaxLength(30)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        return Combinators.combine(
                Combinators.combine(Arbitraries.longs(), Arbitraries.bigDecimals().ofScale(6).between(new BigDecimal("-1e12"), new BigDecimal("1e12")),
                        text, doubles, Arbitraries.floats(), Arbitraries.of(true, false)).as((a, b, c, d, e, f) -> new Object[] {a, b, c, d, e, f}),
                Combinators.combine(Arbitraries.integers().between(-200000, 200000), Arbitraries.longs().between(-2_000_000_000L, 4_000_000_000L),
                        Arbitraries.integers().between(-100000, 100000), Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                        text, Arbitraries.integers().injectNull(0.2).array(Integer[].class).ofMaxSize(5)).as((a, b, c, d, e, f) -> new Object[] {a, b, c, d, e, f}),
                Combinators.combine(doubles, doubles).as((x, y) -> new double[] {x, y}))
                .as((a, b, p) -> new Row((Long) a[0], (BigDecimal) a[1], (String) a[2], (Double) a[3], (Float) a[4], (Boolean) a[5],
                        LocalDate.of(2000, 1, 1).plusDays((Integer) b[0]), OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds((Long) b[1]),
                        (Integer) b[2], (byte[]) b[3], (String) b[4], (Integer[]) b[5], p[0], p[1]));
    }

    @Provide
    Arbitrary<List<Row>> rowLists() {
        return rows().list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 8)
    void generatedRowsMigrateEqualAndAnyChangeIsCaught(@ForAll("rowLists") List<Row> rows,
                                                       @ForAll("columns") String changedColumn) throws SQLException {
        try (TestDatabase src = source.createDatabase(); TestDatabase tgt = target.createDatabase(); TestDatabase inText = target.createDatabase()) {
            src.execute(TABLE);
            insert(src, rows);
            // binary, as built-in types travel into a newer major; then text, whose floats 11 prints otherwise
            MigrationResult result = Migration.from(src.endpoint()).to(tgt.endpoint()).jobs(2).execute();
            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
            assertThat(tgt.queryValue("SELECT count(*) FROM mixed")).isEqualTo(String.valueOf(rows.size()));
            MigrationResult text = Migration.from(src.endpoint()).to(inText.endpoint()).copyFormat(CopyFormat.TEXT).execute();
            assertThat(text.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());

            tgt.execute("UPDATE mixed SET " + changedColumn + " = " + CHANGES.get(COLUMNS.indexOf(changedColumn)) + " WHERE id = 0");
            VerificationReport report = Migration.from(src.endpoint()).to(tgt.endpoint()).verify();
            assertThat(report.differences()).as("after changing " + changedColumn).singleElement()
                    .satisfies(d -> assertThat(d.object()).isEqualTo("public.mixed"));
        }
    }

    private static final List<String> COLUMNS = List.of("i", "n", "t", "d", "r", "b", "day", "ts", "iv", "bin", "doc", "arr", "pt", "farr");
    /** A change to each column that always gives a different value, NULL included. */
    private static final List<String> CHANGES = List.of("coalesce(i, 0) # 1", "coalesce(n, 0) + 0.000001", "coalesce(t, '') || 'x'",
            "CASE WHEN d = 1 THEN 2 ELSE 1 END", "CASE WHEN r = 1 THEN 2 ELSE 1 END", "NOT coalesce(b, false)",
            "coalesce(day, '2000-01-01') + 1", "coalesce(ts, now()) + interval '1 microsecond'", "coalesce(iv, '0') + interval '1 second'",
            "coalesce(bin, '') || '\\x00'::bytea", "jsonb_build_object('changed', coalesce(doc, 'null'))", "coalesce(arr, '{}') || 7",
            "point(1e300, 2)", "coalesce(farr, '{}') || 0.5::float8");

    @Provide
    Arbitrary<String> columns() {
        return Arbitraries.of(COLUMNS);
    }

    private static void insert(TestDatabase db, List<Row> rows) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO mixed VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, make_interval(secs => ?), ?, jsonb_build_object('v', ?::text), ?, point(?, ?), ARRAY[?, ?]::float8[])")) {
            int id = 0;
            for (Row r : rows) {
                int p = 1;
                ps.setInt(p++, id++);
                ps.setLong(p++, r.i());
                ps.setBigDecimal(p++, r.n());
                ps.setString(p++, r.t());
                ps.setDouble(p++, r.d());
                ps.setFloat(p++, r.r());
                ps.setBoolean(p++, r.b());
                ps.setObject(p++, r.day());
                ps.setObject(p++, r.ts());
                ps.setInt(p++, r.seconds());
                ps.setBytes(p++, r.bin());
                ps.setString(p++, r.doc());
                ps.setArray(p++, c.createArrayOf("int4", r.arr()));
                ps.setDouble(p++, r.x());
                ps.setDouble(p++, r.y());
                ps.setDouble(p++, r.x());
                ps.setDouble(p++, r.d());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
