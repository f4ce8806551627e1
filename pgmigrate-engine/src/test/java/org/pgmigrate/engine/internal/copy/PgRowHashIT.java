package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.engine.internal.schema.SchemaReader;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.engine.internal.schema.TargetCapabilities;
import org.pgmigrate.engine.internal.schema.TargetRoles;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/** A server's hash of its rows in place equals the copy's hash of what binary COPY sent of them. */
@ExtendWith(PostgresExtension.class)
class PgRowHashIT {
    private static final String EVERY_TYPE = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
            + "CREATE DOMAIN positive AS numeric CHECK (VALUE > 0);"
            + "CREATE DOMAIN counted AS int CHECK (VALUE >= 0);"
            // a nondeterministic collation hashes a sort key, in which case does not count
            + "CREATE COLLATION any_case (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
            + "CREATE TABLE every_type (i2 smallint, i4 int, i8 bigint, n numeric, p positive, r real, d double precision,"
            + " b boolean, t text, c character(7), v varchar(20), ba bytea, dt date, ts timestamp, tz timestamptz, iv interval,"
            + " u uuid, j json, jb jsonb, a int[], ta text[], m mood, ip inet, pt point, x xml, big text, ct counted,"
            + " ci text COLLATE any_case, o oid);"
            + "INSERT INTO every_type SELECT g, g * 1000, g::bigint * 1000000000, g / 7.0, 1.10, g / 3.0, -0.0, g % 2 = 0,"
            + " 'text ' || g, 'c' || g, 'v' || g || ' ', decode(md5(g::text), 'hex'), DATE '2020-01-01' + g,"
            + " TIMESTAMP '2020-01-01' + g * interval '1 minute', TIMESTAMPTZ '2020-01-01 00:00+02' + g * interval '1 second',"
            + " g * interval '1 day 2 hours', md5(g::text)::uuid, json_build_object('g', g, 'x', 1.0), jsonb_build_object('g', g, 'n', 1.00),"
            + " ARRAY[g, NULL, g + 1], ARRAY['a', NULL, 'c' || g], (ARRAY['sad', 'ok', 'happy'])[g % 3 + 1]::mood, '10.0.0.1'::inet + g,"
            + " point(g, -g), XMLPARSE(CONTENT '<a>' || g || '</a>'),"
            + " CASE WHEN g = 3 THEN (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 2000) i) END,"
            + " g * 3, CASE WHEN g % 2 = 0 THEN 'Straße ' || g ELSE 'STRASSE ' || g END, g * 1000000"
            + " FROM generate_series(1, 200) g;"
            + "INSERT INTO every_type (i4) VALUES (NULL), (NULL)";

    @Test
    void theServerHashesEveryBinaryTypeAsTheCopyDoes(@Pg(instance = "source") TestDatabase db) throws SQLException {
        db.execute("CREATE SCHEMA hashed; SET search_path = hashed; " + EVERY_TYPE);
        try (Connection c = db.connect()) {
            int version = Integer.parseInt(db.queryValue("SHOW server_version_num"));
            assertThat(PgRowHash.agrees(c, version)).isTrue();
            TableData table = table(c, version, "\"hashed\".\"every_type\"");
            assertThat(table.columns()).as("every column's send function is known").allMatch(col -> col.send() != null);
            assertThat(PgRowHash.applies(table)).isTrue();

            RowDigest copied = copied(c, table, null);
            RowDigest inPlace = PgRowHash.read(c, table, null);
            assertThat(inPlace.rows()).isEqualTo(202);
            assertThat(inPlace.sameRows(copied)).as("in place %s, copied %s", inPlace, copied).isTrue();
            assertThat(PgRowHash.read(c, table, "i4 > 100000").sameRows(copied(c, table, "i4 > 100000"))).isTrue();

            try (Statement s = c.createStatement()) {
                s.execute("UPDATE hashed.every_type SET big = overlay(big PLACING 'x' FROM 40000 FOR 1) WHERE i2 = 3");
            }
            assertThat(PgRowHash.read(c, table, null).sameRows(copied)).as("one character of a TOASTed value changed").isFalse();

            RowDigest before = PgRowHash.read(c, table, null);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE hashed.every_type SET ci = lower(ci) WHERE i2 = 5");
            }
            assertThat(PgRowHash.read(c, table, null).sameRows(before)).as("a value whose case changed, in a column that ignores case").isFalse();
        }
    }

    /**
     * In a database that is not UTF8 text is stored in its encoding, but binary COPY sends it in
     * the connection's (UTF8): the server hashes what its send function gives.
     */
    @Test
    void aServerInAnotherEncodingHashesTextAsItIsSent(@Pg(instance = "source") TestDatabase db) throws SQLException {
        try (TestDatabase latin1 = db.server().createDatabase(PostgresServer.Charset.LATIN1); Connection c = latin1.connect()) {
            latin1.execute("CREATE TABLE public.words (id int, word text, name varchar(10));"
                    + "INSERT INTO public.words SELECT g, 'café ' || g, 'Müller' FROM generate_series(1, 50) g");
            int version = Integer.parseInt(latin1.queryValue("SHOW server_version_num"));
            TableData table = table(c, version, "\"public\".\"words\"");
            RowDigest copied = copied(c, table, null);
            assertThat(copied.rows()).isEqualTo(50);
            assertThat(PgRowHash.read(c, table, null).sameRows(copied)).isTrue();
        }
    }

    /**
     * A server that revoked the hash functions from PUBLIC (a hardened one) is not relied on: the
     * rows are read instead, and the run goes on.
     */
    @Test
    void aSessionThatMayNotCallTheHashFunctionsIsNotReliedOn(@Pg(instance = "source") TestDatabase db) throws SQLException {
        db.server().execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'row_hash_denied') THEN"
                + " CREATE ROLE row_hash_denied LOGIN PASSWORD 'denied-secret'; END IF; END $$");
        try (TestDatabase hardened = db.server().createDatabase()) {
            hardened.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.hash_record_extended(record, bigint) FROM PUBLIC");
            int version = Integer.parseInt(hardened.queryValue("SHOW server_version_num"));
            try (Connection owner = hardened.connect();
                 Connection denied = java.sql.DriverManager.getConnection(hardened.jdbcUrl(), "row_hash_denied", "denied-secret")) {
                assertThat(PgRowHash.agrees(owner, version)).as("a superuser still may").isTrue();
                assertThat(PgRowHash.agrees(denied, version)).isFalse();
            }
        }
    }

    /** The table {@code qualifiedName} as the schema reader reads it, send functions included. */
    private static TableData table(Connection c, int version, String qualifiedName) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<TableData> tables = SchemaReader.read(c, version, version, new TargetRoles(List.of()), Map.of(),
                    new SchemaReader.Options(false, Set.of(), TargetCapabilities.read(c, c, List.of()))).tables();
            return tables.stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst().orElseThrow();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The digest of the rows as the copy takes it, from what binary COPY sends. */
    private static RowDigest copied(Connection c, TableData table, String part) throws SQLException {
        RowDigester digester = new RowDigester(RowDigest.Form.SERVER_HASH, table.columns());
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(TableCopier.readStatement(table, part, true));
        byte[] message;
        while ((message = out.readFromCopy()) != null) {
            digester.add(message);
        }
        return digester.digest();
    }
}
