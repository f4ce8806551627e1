package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;

class CopyBatchTest {
    /** The messages a COPY FROM received, in order. */
    private final List<byte[]> messages = new ArrayList<>();

    private final CopyIn in = (CopyIn) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CopyIn.class},
            (proxy, method, args) -> {
                if (method.getName().equals("writeToCopy") && args.length == 3) {
                    byte[] data = (byte[]) args[0];
                    int off = (Integer) args[1];
                    messages.add(Arrays.copyOfRange(data, off, off + (Integer) args[2]));
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void smallRowsTravelManyToAMessage() throws SQLException {
        CopyBatch batch = new CopyBatch(in);
        for (int i = 0; i < 1000; i++) {
            batch.write(row(100, i), 0, 100);
        }
        batch.flush();
        // 100,000 bytes: one full message of 655 rows, the rest in a second
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).hasSize(65_500);
        assertThat(messages.get(1)).hasSize(34_500);
    }

    @Test
    void aRowLargerThanABatchTravelsAloneAfterWhatCameBefore() throws SQLException {
        CopyBatch batch = new CopyBatch(in);
        byte[] small = row(10, 1);
        byte[] large = row(CopyBatch.SIZE * 3, 2);
        batch.write(small, 0, small.length);
        batch.write(large, 0, large.length);
        batch.write(small, 0, small.length);
        batch.flush();
        assertThat(messages).containsExactly(small, large, small);
    }

    @Test
    void nothingIsSentForNoRows() throws SQLException {
        new CopyBatch(in).flush();
        assertThat(messages).isEmpty();
    }

    @Property(tries = 200)
    void theTargetReceivesExactlyTheRowsInOrderInMessagesNoLargerThanABatchUnlessOneRowIs(
            @ForAll @Size(max = 300) List<@IntRange(max = 3 * CopyBatch.SIZE) Integer> sizes) throws SQLException {
        messages.clear();
        CopyBatch batch = new CopyBatch(in);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < sizes.size(); i++) {
            // as a row after a binary header, trimmed: only the bytes from the offset count
            int offset = i % 3 == 0 ? 19 : 0;
            byte[] row = row(offset + sizes.get(i) + i % 7, i);
            sent.write(row, offset, sizes.get(i));
            batch.write(row, offset, sizes.get(i));
        }
        batch.flush();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        messages.forEach(received::writeBytes);
        assertThat(received.toByteArray()).isEqualTo(sent.toByteArray());
        assertThat(messages).allSatisfy(m -> assertThat(m.length <= CopyBatch.SIZE || sizes.contains(m.length))
                .as("a message of %d bytes", m.length).isTrue());
        assertThat(messages).noneMatch(m -> m.length == 0);
    }

    private static byte[] row(int length, int seed) {
        byte[] row = new byte[length];
        for (int i = 0; i < length; i++) {
            row[i] = (byte) (seed * 31 + i);
        }
        return row;
    }
}
