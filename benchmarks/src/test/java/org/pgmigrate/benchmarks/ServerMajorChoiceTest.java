package org.pgmigrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServerMajorChoiceTest {
    private static final List<Integer> AVAILABLE = List.of(11, 12, 14, 15, 16, 17);

    @Test
    void runsTheServersAtTheClientProgramsMajor() {
        assertThat(ServerMajorChoice.choose(Optional.empty(), OptionalInt.of(15), AVAILABLE)).isEqualTo(15);
    }

    @Test
    void takesTheNewestOlderMajorWhenTheTestkitLacksTheClientsOwn() {
        assertThat(ServerMajorChoice.choose(Optional.empty(), OptionalInt.of(13), AVAILABLE)).isEqualTo(12);
        assertThat(ServerMajorChoice.choose(Optional.empty(), OptionalInt.of(18), AVAILABLE)).isEqualTo(17);
    }

    @Test
    void fallsBackTo17WithoutClientProgramsOrWithOnesOlderThanEveryServer() {
        assertThat(ServerMajorChoice.choose(Optional.empty(), OptionalInt.empty(), AVAILABLE)).isEqualTo(17);
        assertThat(ServerMajorChoice.choose(Optional.empty(), OptionalInt.of(9), AVAILABLE)).isEqualTo(17);
    }

    @Test
    void aChosenMajorWinsWhenTheTestkitHasIt() {
        assertThat(ServerMajorChoice.choose(Optional.of(16), OptionalInt.of(15), AVAILABLE)).isEqualTo(16);
        assertThatThrownBy(() -> ServerMajorChoice.choose(Optional.of(13), OptionalInt.empty(), AVAILABLE))
                .hasMessageContaining("--major 13");
    }
}
