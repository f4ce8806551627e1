package org.pgmigrate.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which major version the embedded servers run. {@code pg_dump} refuses a server newer than
 * itself, so with client programs on the machine it is the newest major the testkit has that is
 * not newer than theirs; without them, {@value #WITHOUT_CLIENTS}.
 */
final class ServerMajorChoice {
    static final int WITHOUT_CLIENTS = 17;

    private ServerMajorChoice() {}

    static int choose(Optional<Integer> forced, OptionalInt clientMajor, List<Integer> available) {
        if (forced.isPresent()) {
            if (!available.contains(forced.get())) {
                throw new IllegalArgumentException("--major " + forced.get() + ": the testkit has " + available);
            }
            return forced.get();
        }
        if (clientMajor.isEmpty()) {
            return WITHOUT_CLIENTS;
        }
        return available.stream().filter(m -> m <= clientMajor.getAsInt()).max(Comparator.naturalOrder()).orElse(WITHOUT_CLIENTS);
    }
}
