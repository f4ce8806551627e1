package org.pgmigrate.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationReport;

/**
 * What the commands ask of the library, one function per command, so that tests can answer in
 * its place without servers.
 */
record Backend(Function<Migration.Builder, MigrationHandle> starter,
               Function<Migration.Builder, ValidationReport> validator,
               Function<Migration.Builder, VerificationReport> verifier,
               BiFunction<Endpoint, Duration, String> cutover,
               Function<Migration.Builder, List<String>> abandoner) {
    /** The library itself. */
    static final Backend LIBRARY = new Backend(Migration.Builder::start, Migration.Builder::validate,
            Migration.Builder::verify, Migration::requestCutover, Migration.Builder::abandon);

    Backend withStarter(Function<Migration.Builder, MigrationHandle> replacement) {
        return new Backend(replacement, validator, verifier, cutover, abandoner);
    }

    Backend withValidator(Function<Migration.Builder, ValidationReport> replacement) {
        return new Backend(starter, replacement, verifier, cutover, abandoner);
    }

    Backend withAbandoner(Function<Migration.Builder, List<String>> replacement) {
        return new Backend(starter, validator, verifier, cutover, replacement);
    }
}
