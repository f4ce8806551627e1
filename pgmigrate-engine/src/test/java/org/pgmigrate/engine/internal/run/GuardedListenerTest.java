package org.pgmigrate.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;

class GuardedListenerTest {
    static final class Breaking implements MigrationListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void phaseStarted(Phase phase) {
            seen.add("started " + phase);
        }

        @Override
        public void tableStarted(String qualifiedName) {
            throw new IllegalStateException("no table for me");
        }

        @Override
        public void warning(MigrationWarning warning) {
            throw new OutOfMemoryError("listener heap");
        }
    }

    @Test
    void passesEventsOnAndNamesTheListenerAndEventOfWhatItThrows() {
        Breaking breaking = new Breaking();
        MigrationListener guarded = GuardedListener.of(breaking);

        guarded.phaseStarted(Phase.DATA);
        assertThat(breaking.seen).containsExactly("started DATA");
        assertThatThrownBy(() -> guarded.tableStarted("public.t"))
                .isInstanceOf(GuardedListener.ListenerFailure.class)
                .hasMessage("The migration listener " + Breaking.class.getName()
                        + " threw from tableStarted(public.t): java.lang.IllegalStateException: no table for me")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> guarded.warning(MigrationWarning.of("retried", "again", List.of())))
                .isInstanceOf(GuardedListener.ListenerFailure.class)
                .hasMessageContaining("threw from warning(retried)")
                .hasCauseInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void guardsOnce() {
        MigrationListener guarded = GuardedListener.of(new Breaking());
        assertThat(GuardedListener.of(guarded)).isSameAs(guarded);
        assertThat(GuardedListener.of(MigrationListener.NONE)).isSameAs(MigrationListener.NONE);
    }
}
