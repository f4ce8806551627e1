package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.engine.internal.online.PgOutputBytes.message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Insert;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamAbort;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStart;

class StreamedTransactionsTest {
    @TempDir
    Path temp;

    @Test
    void interleavedTransactionsReplayTheirOwnChangesWithoutTheAbortedSubtransactions() throws IOException {
        Path directory = temp.resolve("spills");
        try (StreamedTransactions streamed = StreamedTransactions.open(directory)) {
            block(streamed, 100, true, message('O').int64(9).string("elsewhere").buffer(), insert(100, 1), insert(101, 2),
                    insert(102, 3));
            block(streamed, 300, true, insert(300, 20), insert(301, 21), insert(302, 22));
            block(streamed, 200, true, insert(200, 10));
            streamed.abort(new StreamAbort(100, 102)); // ROLLBACK TO the inner savepoint: its change only
            block(streamed, 100, false, insert(103, 5));
            streamed.abort(new StreamAbort(100, 103));
            streamed.abort(new StreamAbort(100, 999)); // a subtransaction that changed nothing published
            block(streamed, 100, false, insert(100, 6));
            streamed.abort(new StreamAbort(300, 302));
            streamed.abort(new StreamAbort(300, 301)); // the outer savepoint: everything since it began
            block(streamed, 300, false, insert(300, 23));
            streamed.abort(new StreamAbort(200, 200));
            assertThat(files(directory)).containsExactlyInAnyOrder("100.spill", "300.spill");

            assertThat(replay(streamed, 100)).containsExactly("1", "2", "6");
            assertThat(replay(streamed, 300)).containsExactly("20", "23");
            assertThat(files(directory)).as("a replayed spill is deleted").isEmpty();
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void openingDeletesWhatADeadProcessSpilled() throws IOException {
        Path directory = temp.resolve("spills");
        Files.createDirectories(directory);
        Files.write(directory.resolve("4711.spill"), new byte[] {0, 0, 0, 1, 'I'});
        try (StreamedTransactions streamed = StreamedTransactions.open(directory)) {
            assertThat(files(directory)).isEmpty();
            assertThatThrownBy(() -> streamed.commit(4711)).hasMessageContaining("the commit of streamed transaction 4711 without"
                    + " its changes");
        }
    }

    @Test
    void aLinkInThePlaceOfTheDirectoryGoesButNotWhatItPointsTo() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.write(elsewhere.resolve("keep.me"), new byte[] {1});
        Path directory = Files.createSymbolicLink(temp.resolve("spills"), elsewhere);
        try (StreamedTransactions streamed = StreamedTransactions.open(directory)) {
            assertThat(Files.isSymbolicLink(directory)).isFalse();
            assertThat(files(directory)).isEmpty();
        }
        assertThat(files(elsewhere)).containsExactly("keep.me");
    }

    @Test
    void aLaterBlockWithoutItsFirstIsRefused() {
        try (StreamedTransactions streamed = StreamedTransactions.open(temp.resolve("spills"))) {
            assertThatThrownBy(() -> streamed.start(new StreamStart(7, false)))
                    .hasMessageContaining("a later block of transaction 7 without its first");
        }
    }

    @Test
    void closingDeletesTheSpillsOfTransactionsStillRunning() {
        Path directory = temp.resolve("spills");
        try (StreamedTransactions streamed = StreamedTransactions.open(directory)) {
            block(streamed, 5, true, insert(5, 1));
            streamed.start(new StreamStart(6, true));
            streamed.spill(insert(6, 2));
        }
        assertThat(directory).doesNotExist();
    }

    private static void block(StreamedTransactions streamed, int xid, boolean first, ByteBuffer... changes) {
        streamed.start(new StreamStart(xid, first));
        assertThat(streamed.receiving()).isTrue();
        for (ByteBuffer change : changes) {
            streamed.spill(change);
        }
        streamed.stop();
        assertThat(streamed.receiving()).isFalse();
    }

    /** An insert into relation 5 of row (id) by (sub)transaction {@code xid}, as a stream block carries it. */
    private static ByteBuffer insert(int xid, int id) {
        return message('I').int32(xid).int32(5).byte1('N').tuple(String.valueOf(id)).buffer();
    }

    private static List<String> replay(StreamedTransactions streamed, int xid) {
        List<String> ids = new ArrayList<>();
        try (Spill.Reader changes = streamed.commit(xid)) {
            for (ByteBuffer change = changes.next(); change != null; change = changes.next()) {
                Insert insert = (Insert) PgOutputDecoder.decode(change);
                assertThat(insert.relation()).isEqualTo(5);
                ids.add(insert.row().get(0).text());
            }
        }
        return ids;
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
