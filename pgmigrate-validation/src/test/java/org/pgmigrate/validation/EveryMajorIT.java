package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.testkit.junit5.PostgresServers;

/**
 * Every rule's queries run on every major besides the 11 and 17 the other tests use, on the
 * source and on the target side: a catalog column that a major lacks would stop validation there.
 */
@ExtendWith(PostgresExtension.class)
class EveryMajorIT {
    @ParameterizedTest(name = "PostgreSQL {0} to {0}")
    @ValueSource(ints = {12, 14, 15, 16, 18})
    void everyApplicableRuleJudgesTheSampleDatabase(int major, PostgresServers servers) {
        PostgresServer server = servers.server(major);
        try (TestDatabase source = server.createDatabase(); TestDatabase target = server.createDatabase()) {
            SampleDatabase.load(source);

            for (MigrationMode mode : MigrationMode.values()) {
                ValidationReport report = Validations.validate(source.endpoint(), target.endpoint(), mode, 2);

                Set<String> judged = report.findings().stream().map(Finding::rule).collect(Collectors.toSet());
                Set<String> applicable = Validations.BUILT_IN.rules().stream()
                        .filter(r -> r.modes().contains(mode) && r.appliesTo(server.versionNumber(), server.versionNumber()))
                        .map(Rule::id).collect(Collectors.toSet());
                assertThat(judged).as("%s on %d", mode, major).containsAll(applicable);
                assertThat(report.source()).hasValueSatisfying(s -> assertThat(s.majorVersion()).isEqualTo(major));
            }
        }
    }
}
