package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;

class PgRowHashTest {
    /**
     * What PostgreSQL 15 (x86-64) answered to {@code hash_record_extended(ROW(substring(k from 1
     * for n)), seed)}, which is {@code hash_bytes_extended} of the first n bytes of k, for n from
     * 0 to 25: every tail length, one and two full 12-byte blocks.
     */
    private static final long[] SEED_0 = {
            -6939563903564495251L, -4194760714999882651L, -5140417289146257673L,
            -8337159150737471306L, 1398229737608282635L, 6337427694993076522L,
            -3259370686033190711L, 1842562459961707140L, 4646862414158011804L,
            -5331920357031723859L, -3068757020819849220L, -5508356841497088037L,
            -4011551736052134804L, 4734898044692404888L, -217791914517250347L,
            8527553495513907399L, -2148041578476338960L, 2859851628912485476L,
            -5729568429382717182L, -980506202959168495L, -2656122206625028004L,
            407655028131215024L, 6655855073994874860L, 1709535909688034376L,
            -6092754882180216172L, 955279495678954521L};
    private static final long[] SEED_1 = {
            -150071773020461347L, -8540586843442454248L, 8855456987531130563L,
            -2482037653876660706L, 5881552229933851136L, 6070125569839082133L,
            -6806941080286419276L, 3742819534362757563L, 9068785829429092341L,
            -8429854352446173625L, 6120792685548385968L, -4533700746858451770L,
            4308117478148074283L, -3434825236375203908L, -8503392433276902933L,
            -1803405972562390011L, 3812800577973159469L, -7238141233921932264L,
            -7094473120938784950L, 837917963290547534L, 3280027456591147546L,
            -2549071645520276904L, -110116361164924690L, -1161985419703329841L,
            3366661105515452292L, -8459768105653232272L};
    private static final byte[] KEY_0 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] KEY_1 = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f");

    @Test
    void hashesBytesAsPostgresqlDoes() {
        for (int n = 0; n <= 25; n++) {
            assertThat(PgRowHash.bytes(KEY_0, 0, n, 0)).as("%d bytes, seed 0", n).isEqualTo(SEED_0[n]);
            assertThat(PgRowHash.bytes(KEY_1, 0, n, 1)).as("%d bytes, seed 1", n).isEqualTo(SEED_1[n]);
        }
    }

    @Test
    void hashesBytesWhereverTheyStartInTheArray() {
        byte[] shifted = new byte[KEY_0.length + 3];
        System.arraycopy(KEY_0, 0, shifted, 3, KEY_0.length);
        assertThat(PgRowHash.bytes(shifted, 3, 25, 0)).isEqualTo(SEED_0[25]);
    }

    /**
     * What PostgreSQL 15 answered to {@code hashint4extended(v, seed)} ({@code hash_uint32_extended})
     * for v of {@link #INTEGERS} and seeds 0, 1 and -8446744073709551616.
     */
    private static final int[] INTEGERS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, -123456789};
    private static final long[][] INTEGER_HASHES = {
            {4154612158245552303L, 434346878670890809L, -8111607542411775574L},
            {-3670598878359251130L, -7620678293940249823L, -4907602393551567276L},
            {-1888257769727981238L, 3987656643895367148L, -9174091614615432260L},
            {-9109110466470504941L, 2560836655869490746L, -7022958454474760586L},
            {1977219185673256887L, 3044001184559810835L, -3978857564059839623L},
            {5630525697654636850L, -360926020283651525L, 6141054228567415210L}};

    @Test
    void hashesIntegersAsPostgresqlDoes() {
        long[] seeds = {0, 1, -8446744073709551616L};
        for (int i = 0; i < INTEGERS.length; i++) {
            for (int s = 0; s < seeds.length; s++) {
                assertThat(PgRowHash.uint32(INTEGERS[i], seeds[s])).as("%d, seed %d", INTEGERS[i], seeds[s]).isEqualTo(INTEGER_HASHES[i][s]);
            }
        }
    }

    private static final List<TableColumn> TWO_INTEGERS = columns("pg_catalog.int4send", "pg_catalog.int4send");
    private static final List<TableColumn> TWO_BYTEAS = columns("pg_catalog.byteasend", "pg_catalog.byteasend");

    /** Two columns, (1, 2) and (2, 1) in binary COPY format. */
    private static final byte[] ONE_TWO = {0, 2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 2};
    private static final byte[] TWO_ONE = {0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 1};
    private static final byte[] ONE_ONE = {0, 2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 1};
    private static final byte[] TWO_TWO = {0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 2};

    @Test
    void hashesARowAsPostgresqlDoes() {
        // hashint4extended(0, hash_record_extended(ROW(1, 2), 0)) in PostgreSQL 15
        assertThat(new PgRowHash(TWO_INTEGERS).row(ONE_TWO, 0, ONE_TWO.length)).isEqualTo(-2379323057646401033L);
        // the same of ROW(1::int2, NULL::int4, true, 'probe'::text COLLATE "C", '\x0102'::bytea, date '2000-01-01')
        byte[] row = {0, 6, 0, 0, 0, 2, 0, 1, -1, -1, -1, -1, 0, 0, 0, 1, 1, 0, 0, 0, 5, 'p', 'r', 'o', 'b', 'e', 0, 0, 0, 2, 1, 2,
            0, 0, 0, 4, 0, 0, 0, 0};
        List<TableColumn> columns = columns("pg_catalog.int2send", "pg_catalog.int4send", "pg_catalog.boolsend", "pg_catalog.textsend",
                "pg_catalog.byteasend", "pg_catalog.date_send");
        assertThat(new PgRowHash(columns).row(row, 0, row.length)).isEqualTo(-2073675773710596880L);
    }

    @Test
    void rowsTradingAColumnsValuesChangeTheSumOfHashes() {
        // (1, 2), (2, 1) against (1, 1), (2, 2): the same values in each column, in other rows
        for (List<TableColumn> columns : List.of(TWO_INTEGERS, TWO_BYTEAS)) {
            PgRowHash hash = new PgRowHash(columns);
            long traded = hash.row(ONE_TWO, 0, ONE_TWO.length) + hash.row(TWO_ONE, 0, TWO_ONE.length);
            long other = hash.row(ONE_ONE, 0, ONE_ONE.length) + hash.row(TWO_TWO, 0, TWO_TWO.length);
            assertThat(traded).as("columns hashed by %s", columns.get(0).send()).isNotEqualTo(other);
        }
    }

    @Test
    void aNullAndAnEmptyValueHashDifferently() {
        byte[] nullValue = {0, 1, -1, -1, -1, -1};
        byte[] empty = {0, 1, 0, 0, 0, 0};
        PgRowHash hash = new PgRowHash(columns("pg_catalog.textsend"));
        assertThat(hash.row(nullValue, 0, nullValue.length)).isNotEqualTo(hash.row(empty, 0, empty.length));
    }

    @Test
    void aRowWhoseFieldsDoNotFillItIsRefused() {
        assertThatThrownBy(() -> new PgRowHash(TWO_BYTEAS).row(ONE_TWO, 0, ONE_TWO.length + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowOfAnotherNumberOfFieldsIsRefused() {
        assertThatThrownBy(() -> new PgRowHash(columns("pg_catalog.int4send")).row(ONE_TWO, 0, ONE_TWO.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 fields, for 1 columns");
    }

    private static List<TableColumn> columns(String... sends) {
        return java.util.Arrays.stream(sends).map(send -> new TableColumn("\"c\"", TableColumn.Floats.NONE, true, false, null, send)).toList();
    }

    @Test
    void aColumnWithoutASendFunctionIsNotHashedInPlace() {
        TableData table = new TableData(1, "\"t\"", "public", "t", List.of(new TableColumn("\"a\"", TableColumn.Floats.NONE, true, false)),
                null, 0, 0, null);
        assertThat(PgRowHash.applies(table)).isFalse();
    }
}
