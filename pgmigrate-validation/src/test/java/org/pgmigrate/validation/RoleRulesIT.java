package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.as;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.loginRole;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.role;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Roles, owners and password hashes. */
@ExtendWith(PostgresExtension.class)
class RoleRulesIT {
    @Test
    void md5HashesIntoAScramTargetWarn(@Pg(value = 11, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        // PostgreSQL 11 hashes with md5 by default, 17 with scram-sha-256
        loginRole(source.server(), "val_md5_user", "val-secret", "");

        Finding finding = fired(Validations.offline(source, target), "md5-passwords-scram-target", Severity.WARNING, "val_md5_user");
        assertThat(finding.message()).doesNotContain("md5" + "val-secret").doesNotContain("val-secret");
    }

    @Test
    void scramHashesPass(@Pg(value = 17, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        loginRole(source.server(), "val_scram_user", "val-secret", "");

        passed(Validations.offline(source, target), "md5-passwords-scram-target");
    }

    @Test
    void superuserOwnedObjectsWarnWhenTheTargetRoleIsNoSuperuser(@Pg(instance = "source") TestDatabase source,
                                                                 @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA shop; CREATE TABLE shop.orders (id int); CREATE FUNCTION shop.one() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        loginRole(target.server(), "val_plain", "val-secret", "");
        Endpoint plain = as(target, "val_plain", "val-secret");

        ValidationReport report = Validations.validate(source.endpoint(), plain, MigrationMode.OFFLINE, 2);

        fired(report, "superuser-owned-objects", Severity.WARNING, "schema shop (owner postgres)", "table shop.orders (owner postgres)",
                "function shop.one() (owner postgres)");
        passed(Validations.offline(source, target), "superuser-owned-objects");
    }

    @Test
    void objectsOfOrdinaryRolesPassForATargetRoleThatIsNoSuperuser(@Pg(instance = "source") TestDatabase source,
                                                                   @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "val_owner");
        source.execute("CREATE SCHEMA shop AUTHORIZATION val_owner; CREATE TABLE shop.orders (id int); ALTER TABLE shop.orders OWNER TO val_owner");
        loginRole(target.server(), "val_plain", "val-secret", "");

        passed(Validations.validate(source.endpoint(), as(target, "val_plain", "val-secret"), MigrationMode.OFFLINE, 2),
                "superuser-owned-objects");
    }

    @Test
    void rolesNamedLikeTheTargetsReservedOnesFail(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "rds_superuser");
        source.execute("CREATE TABLE public.t (id int); ALTER TABLE public.t OWNER TO rds_superuser");

        ValidationReport report = Validations.offline(source, target);

        fired(report, "reserved-role-names", Severity.FAILED, "rds_superuser");
    }

    @Test
    void ordinaryRoleNamesPass(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "val_owner");
        source.execute("CREATE TABLE public.t (id int); ALTER TABLE public.t OWNER TO val_owner");

        passed(Validations.offline(source, target), "reserved-role-names");
    }

    @Test
    void rolesMissingOnTheTargetWarn(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "val_only_on_source");
        role(source.server(), "Val Reader");
        role(target.server(), "val_everywhere");
        role(source.server(), "val_everywhere");
        source.execute("CREATE TABLE public.t (id int); ALTER TABLE public.t OWNER TO val_only_on_source;"
                + " GRANT SELECT ON public.t TO \"Val Reader\", val_everywhere");

        Finding finding = fired(Validations.offline(source, target), "roles-missing-on-target", Severity.WARNING,
                "val_only_on_source", "\"Val Reader\"");
        assertThat(finding.objects()).doesNotContain("val_everywhere", "postgres");
    }

    @Test
    void rolesThatExistOnTheTargetPass(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(target.server(), "val_everywhere");
        role(source.server(), "val_everywhere");
        source.execute("CREATE TABLE public.t (id int); GRANT SELECT ON public.t TO val_everywhere");

        passed(Validations.offline(source, target), "roles-missing-on-target");
    }

    @Test
    void changedPrivilegesOnSystemCatalogsWarn(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "val_auditor");
        source.execute("GRANT SELECT ON pg_catalog.pg_statistic TO val_auditor;"
                + " REVOKE EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) FROM PUBLIC");

        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "system-catalog-grants", Severity.WARNING, "pg_catalog.pg_statistic",
                "function pg_sleep(double precision)");
        assertThat(finding.objects()).hasSize(2);
        passed(Validations.offline(target, source), "system-catalog-grants");
    }
}
