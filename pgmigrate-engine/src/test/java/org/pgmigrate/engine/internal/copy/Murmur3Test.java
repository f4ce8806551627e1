package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our MurmurHash3 x64 128 gives what Guava's reference implementation gives, at every tail length. */
class Murmur3Test {
    @Test
    void matchesTheReferenceForEveryLengthAndOffset() {
        Random random = new Random(42);
        Murmur3 hash = new Murmur3();
        for (int length = 0; length <= 100; length++) {
            byte[] data = new byte[length + 3];
            random.nextBytes(data);
            for (int offset = 0; offset <= 3 && offset + length <= data.length; offset++) {
                byte[] expected = Hashing.murmur3_128().hashBytes(data, offset, length).asBytes();
                ByteBuffer reference = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
                hash.hash(data, offset, length);
                assertThat(hash.high()).as("length %d offset %d", length, offset).isEqualTo(reference.getLong(0));
                assertThat(hash.low()).as("length %d offset %d", length, offset).isEqualTo(reference.getLong(8));
            }
        }
    }
}
