package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.skipped;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The rule engine: discovery, disabling, broken rules, read-only sessions, and speed on big catalogs. */
@ExtendWith(PostgresExtension.class)
class ValidatorIT {
    private static MigrationRequest request(TestDatabase source, TestDatabase target, String... disabled) {
        return Migration.from(source.endpoint()).to(target.endpoint()).disableRules(disabled).request();
    }

    /**
     * A pool that hands out one connection and resets nothing when it comes back, as some do:
     * validation must give it back with the auto-commit it had.
     */
    @Test
    void aConnectionFromADataSourceComesBackWithItsAutoCommit(@Pg(instance = "source") TestDatabase source,
                                                             @Pg(instance = "target") TestDatabase target) throws SQLException {
        try (Connection kept = source.connect()) {
            DataSource pool = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("close")) {
                                        return null;
                                    }
                                    try {
                                        return m.invoke(kept, a);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
                    });

            ValidationReport report = Validations.BUILT_IN.validate(
                    Migration.from(Endpoint.of(pool)).to(target.endpoint()).request());

            passed(report, "source-table-select");
            assertThat(kept.getAutoCommit()).isTrue();
            try (Statement s = kept.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('transaction_read_only')")) {
                rs.next();
                assertThat(rs.getString(1)).as("no read-only transaction left open").isEqualTo("off");
            }
        }
    }

    @Test
    void findsAtLeastFortyBuiltInRulesInEveryCategoryWithStableIds() {
        List<Rule> rules = Validations.BUILT_IN.rules();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(41);
        assertThat(rules).extracting(Rule::category).contains(Category.values());
        assertThat(rules).extracting(Rule::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"));
        assertThat(rules).extracting(Rule::id).contains("tables-with-oids", "wal-level-logical", "md5-passwords-scram-target",
                "free-connections", "lock-table-size", "extension-deny-list", "target-database-empty");
        assertThat(rules.stream().map(Rule::category).toList()).isSorted();
    }

    @Test
    void aRuleOfTheUsersOwnIsFoundAndRuns(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.todo_later (id int)");

        ValidationReport report = Validations.offline(source, target);

        fired(report, "todo-tables", Severity.WARNING, "public.todo_later");
        assertThat(report.findings().get(report.findings().size() - 1).rule()).as("OTHER rules run last").isIn("todo-tables",
                "unsupported-objects", "invalid-indexes", "custom-tablespaces");
    }

    @Test
    void aDisabledRuleDoesNotRun(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        target.execute("CREATE TABLE public.leftover (id int)");

        ValidationReport report = Validations.BUILT_IN.validate(request(source, target, "target-database-empty"));

        skipped(report, "target-database-empty");
        passed(report, "source-table-select");
    }

    @Test
    void anUnknownRuleIdIsRefusedWithTheListOfIds(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        assertThatThrownBy(() -> Validations.BUILT_IN.validate(request(source, target, "tables-with-oid")))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("No validation rule has the id tables-with-oid")
                .hasMessageContaining("tables-with-oids");
    }

    @Test
    void aRuleThatBreaksStopsValidationNamingIt(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        Rule broken = new BaseRule("broken-rule", Category.OTHER) {
            @Override
            public List<Finding> check(RuleContext context) throws SQLException {
                context.source().strings("SELECT * FROM no_such_table");
                return List.of();
            }
        };

        assertThatThrownBy(() -> Validator.of(List.of(broken)).validate(request(source, target)))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_ERROR);
                    assertThat(e.sqlState()).hasValue("42P01");
                })
                .hasMessageContaining("Validation rule broken-rule could not run")
                .hasMessageContaining("--disable-rule broken-rule");
    }

    @Test
    void rulesCannotWriteBecauseValidationSessionsAreReadOnly(@Pg(instance = "source") TestDatabase source,
                                                              @Pg(instance = "target") TestDatabase target) {
        Rule writer = new BaseRule("writing-rule", Category.OTHER) {
            @Override
            public List<Finding> check(RuleContext context) throws SQLException {
                try (Statement s = context.target().connection().createStatement()) {
                    s.execute("CREATE TABLE public.written_by_validation (id int)");
                }
                return List.of(succeeded("wrote"));
            }
        };

        assertThatThrownBy(() -> Validator.of(List.of(writer)).validate(request(source, target)))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.sqlState()).hasValue("25006"))
                .hasMessageContaining("read-only transaction");
        assertThat(target.queryColumn("SELECT relname FROM pg_class WHERE relname = 'written_by_validation'")).isEmpty();
    }

    @Test
    void aFindingForAnotherRuleIsRefused(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        Rule impostor = new BaseRule("impostor", Category.OTHER) {
            @Override
            public List<Finding> check(RuleContext context) {
                return List.of(Finding.succeeded("tables-with-oids", "all fine"));
            }
        };

        assertThatThrownBy(() -> Validator.of(List.of(impostor)).validate(request(source, target)))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_ERROR))
                .hasMessageContaining("returned a finding for another rule, tables-with-oids");
    }

    @Test
    void ruleIdsMustBeKebabCaseAndUnique() {
        assertThatThrownBy(() -> Validator.of(List.of(new TodoTablesRule(), new TodoTablesRule())))
                .isInstanceOf(PgMigrateException.class).hasMessageContaining("Two validation rules have the id 'todo-tables'");
        Rule badId = new BaseRule("Bad_Id", Category.OTHER) {
            @Override
            public List<Finding> check(RuleContext context) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> Validator.of(List.of(badId))).isInstanceOf(PgMigrateException.class).hasMessageContaining("kebab-case");
    }

    @Test
    void aRuleForOneModeRunsOnlyInThatMode(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        Rule onlineOnly = new BaseRule("online-only", Category.ONLINE) {
            @Override
            public Set<MigrationMode> modes() {
                return EnumSet.of(MigrationMode.ONLINE);
            }

            @Override
            public List<Finding> check(RuleContext context) {
                return List.of(succeeded("ran in " + context.mode()));
            }
        };
        Validator validator = Validator.of(List.of(onlineOnly));

        assertThat(validator.validate(request(source, target)).findings()).isEmpty();
        assertThat(validator.validate(Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).request())
                .findings()).extracting(Finding::message).containsExactly("ran in ONLINE");
    }

    @Test
    void thousandsOfTablesValidateInSeconds(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        // 3,000 tables: every other one without a primary key; made in batches so no transaction runs out of locks
        for (int batch = 0; batch < 10; batch++) {
            source.execute("DO $$ BEGIN FOR i IN " + (batch * 300 + 1) + ".." + (batch * 300 + 300) + " LOOP"
                    + " IF i % 2 = 0 THEN EXECUTE format('CREATE TABLE public.t%s (id int PRIMARY KEY)', i);"
                    + " ELSE EXECUTE format('CREATE TABLE public.t%s (v text)', i); END IF; END LOOP; END $$");
        }

        long start = System.nanoTime();
        ValidationReport offline = Validations.offline(source, target);
        ValidationReport online = Validations.online(source, target);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("both validations of 3,000 tables took %d ms", millis).isLessThan(30_000);
        Finding noIdentity = fired(online, "tables-without-replica-identity", Severity.FAILED, "public.t1", "public.t101");
        assertThat(noIdentity.objects()).hasSize(1500).contains("public.t2999").doesNotContain("public.t2");
        assertThat(noIdentity.message()).contains("and 1490 more");
        passed(offline, "source-table-select");
    }
}
