package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.engine.internal.online.PgOutputBytes.UNCHANGED;
import static org.pgmigrate.engine.internal.online.PgOutputBytes.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Begin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Column;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Commit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Delete;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Insert;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Kind;
import org.pgmigrate.engine.internal.online.PgOutputMessage.LogicalMessage;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Origin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamAbort;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamCommit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStart;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStop;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Truncate;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Type;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Update;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Value;

class PgOutputDecoderTest {
    @Test
    void beginAndCommit() {
        Begin begin = (Begin) PgOutputDecoder.decode(message('B').int64(0x1_6B37_4D48L).int64(7_000_000L).int32(4711).buffer());
        assertThat(begin).isEqualTo(new Begin(0x1_6B37_4D48L, 7_000_000L, 4711));

        Commit commit = (Commit) PgOutputDecoder.decode(message('C').byte1(0).int64(100).int64(180).int64(-5).buffer());
        assertThat(commit).isEqualTo(new Commit(100, 180, -5));
    }

    @Test
    void anLsnAboveTheSignedRangeSurvives() {
        Begin begin = (Begin) PgOutputDecoder.decode(message('B').int64(0xFFFF_FFFF_0000_0001L).int64(0).int32(-1).buffer());
        assertThat(Long.toUnsignedString(begin.finalLsn())).isEqualTo("18446744069414584321");
        assertThat(Integer.toUnsignedLong(begin.xid())).isEqualTo(4294967295L);
    }

    @Test
    void relationWithKeyFlagsAndUtf8Names() {
        Relation r = (Relation) PgOutputDecoder.decode(message('R').int32(16384).string("").string("Bücher \"x\"").byte1('f')
                .int16(2)
                .byte1(1).string("id").int32(23).int32(-1)
                .byte1(0).string("naïve").int32(1043).int32(14)
                .buffer());
        assertThat(r.oid()).isEqualTo(16384);
        assertThat(r.schema()).isEmpty();
        assertThat(r.name()).isEqualTo("Bücher \"x\"");
        assertThat(r.replicaIdentity()).isEqualTo('f');
        assertThat(r.columns()).containsExactly(new Column(true, "id", 23, -1), new Column(false, "naïve", 1043, 14));
    }

    @Test
    void typeAndOriginAndLogicalMessage() {
        assertThat(PgOutputDecoder.decode(message('Y').int32(99999).string("shop").string("mood").buffer()))
                .isEqualTo(new Type(99999, "shop", "mood"));
        assertThat(PgOutputDecoder.decode(message('O').int64(42).string("other").buffer())).isEqualTo(new Origin(42, "other"));
        LogicalMessage m = (LogicalMessage) PgOutputDecoder.decode(message('M').byte1(1).int64(77).string("pgmigrate")
                .int32(3).raw(new byte[] {1, 0, 2}).buffer());
        assertThat(m.transactional()).isTrue();
        assertThat(m.lsn()).isEqualTo(77);
        assertThat(m.prefix()).isEqualTo("pgmigrate");
        assertThat(m.content()).containsExactly(1, 0, 2);
    }

    @Test
    void insertWithNullAndText() {
        Insert insert = (Insert) PgOutputDecoder.decode(message('I').int32(5).byte1('N').tuple("1", null, "").buffer());
        assertThat(insert.relation()).isEqualTo(5);
        assertThat(insert.row().values()).containsExactly(Value.text("1"), Value.NULL, Value.text(""));
    }

    @Test
    void updateKeepsUnchangedToastApartFromNull() {
        Update plain = (Update) PgOutputDecoder.decode(message('U').int32(5).byte1('N').tuple("1", UNCHANGED, null).buffer());
        assertThat(plain.oldKey()).isNull();
        assertThat(plain.oldRow()).isNull();
        assertThat(plain.row().get(1).kind()).isEqualTo(Kind.UNCHANGED_TOAST);
        assertThat(plain.row().get(2).kind()).isEqualTo(Kind.NULL);

        Update keyChanged = (Update) PgOutputDecoder.decode(message('U').int32(5).byte1('K').tuple("1", null)
                .byte1('N').tuple("2", "b").buffer());
        assertThat(keyChanged.oldKey().values()).containsExactly(Value.text("1"), Value.NULL);
        assertThat(keyChanged.row().values()).containsExactly(Value.text("2"), Value.text("b"));

        Update full = (Update) PgOutputDecoder.decode(message('U').int32(5).byte1('O').tuple("1", "a")
                .byte1('N').tuple("1", "b").buffer());
        assertThat(full.oldKey()).isNull();
        assertThat(full.oldRow().values()).containsExactly(Value.text("1"), Value.text("a"));
    }

    @Test
    void deleteByKeyOrByOldRow() {
        Delete byKey = (Delete) PgOutputDecoder.decode(message('D').int32(9).byte1('K').tuple("7", null).buffer());
        assertThat(byKey.oldKey().values()).containsExactly(Value.text("7"), Value.NULL);
        assertThat(byKey.oldRow()).isNull();
        Delete byRow = (Delete) PgOutputDecoder.decode(message('D').int32(9).byte1('O').tuple("7", "x").buffer());
        assertThat(byRow.oldKey()).isNull();
        assertThat(byRow.oldRow().values()).containsExactly(Value.text("7"), Value.text("x"));
    }

    @Test
    void truncateFlags() {
        assertThat(PgOutputDecoder.decode(message('T').int32(2).byte1(3).int32(10).int32(11).buffer()))
                .isEqualTo(new Truncate(List.of(10, 11), true, true));
        assertThat(PgOutputDecoder.decode(message('T').int32(1).byte1(2).int32(10).buffer()))
                .isEqualTo(new Truncate(List.of(10), false, true));
        assertThat(PgOutputDecoder.decode(message('T').int32(1).byte1(0).int32(10).buffer()))
                .isEqualTo(new Truncate(List.of(10), false, false));
    }

    @Test
    void streamMessagesOfProtocol2() {
        assertThat(PgOutputDecoder.decode(message('S').int32(-2).byte1(1).buffer())).isEqualTo(new StreamStart(-2, true));
        assertThat(PgOutputDecoder.decode(message('S').int32(740).byte1(0).buffer())).isEqualTo(new StreamStart(740, false));
        assertThat(PgOutputDecoder.decode(message('E').buffer())).isEqualTo(new StreamStop());
        assertThat(PgOutputDecoder.decode(message('c').int32(740).byte1(0).int64(0x1_0000_0010L).int64(0x1_0000_0040L).int64(9)
                .buffer())).isEqualTo(new StreamCommit(740, 0x1_0000_0010L, 0x1_0000_0040L, 9));
        assertThat(PgOutputDecoder.decode(message('A').int32(740).int32(741).buffer())).isEqualTo(new StreamAbort(740, 741));
    }

    @Test
    void aChangeInsideAStreamBlockCarriesTheXidOfItsSubtransaction() {
        var insert = message('I').int32(745).int32(5).byte1('N').tuple("1").buffer();
        assertThat(PgOutputDecoder.tag(insert)).isEqualTo('I');
        assertThat(PgOutputDecoder.streamedXid(insert)).isEqualTo(745);
        assertThat(insert.position()).as("reading the xid moves nothing").isZero();
        assertThatThrownBy(() -> PgOutputDecoder.streamedXid(message('B').int64(1).int64(2).int32(3).buffer()))
                .hasMessageContaining("'B' message inside a stream block");
    }

    @Test
    void unknownAndTrailingBytesAreRefused() {
        assertThatThrownBy(() -> PgOutputDecoder.decode(message('P').byte1(0).int64(1).int64(2).int64(3).int32(4).string("g")
                .buffer())).hasMessageContaining("unknown message type 'P'");
        assertThatThrownBy(() -> PgOutputDecoder.decode(message('I').int32(5).byte1('N').tuple("1").byte1(0).buffer()))
                .hasMessageContaining("1 bytes left");
        assertThatThrownBy(() -> PgOutputDecoder.decode(message('I').int32(5).byte1('X').tuple("1").buffer()))
                .hasMessageContaining("expected 'N'");
    }

    @Property
    void everyTupleRoundTrips(@ForAll("tuples") List<String> values) {
        Insert insert = (Insert) PgOutputDecoder.decode(message('I').int32(1).byte1('N').tuple(values.toArray(String[]::new)).buffer());
        List<Value> expected = new ArrayList<>();
        for (String v : values) {
            expected.add(v == null ? Value.NULL : v == UNCHANGED ? Value.UNCHANGED_TOAST : Value.text(v));
        }
        assertThat(insert.row().values()).isEqualTo(expected);
    }

    @Property
    void relationNamesRoundTrip(@ForAll("names") String schema, @ForAll("names") String table, @ForAll("names") String column) {
        Relation r = (Relation) PgOutputDecoder.decode(message('R').int32(1).string(schema).string(table).byte1('d')
                .int16(1).byte1(1).string(column).int32(25).int32(-1).buffer());
        assertThat(r.schema()).isEqualTo(schema);
        assertThat(r.name()).isEqualTo(table);
        assertThat(r.columns().get(0).name()).isEqualTo(column);
        assertThat(column.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Provide
    Arbitrary<List<String>> tuples() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300)
                .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, text),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(UNCHANGED)))
                .list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(63)
                .filter(s -> s.indexOf('\0') < 0 && s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    }
}
