package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Foreign-data wrappers, servers, user mappings and foreign tables, with their owners and privileges; language privileges. */
@ExtendWith(PostgresExtension.class)
class ForeignDataIT {
    private static final String ROLES = "DO $$ BEGIN"
            + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fdw_user') THEN CREATE ROLE fdw_user LOGIN; END IF;"
            + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fdw_admin') THEN CREATE ROLE fdw_admin NOLOGIN; END IF;"
            + " END $$";

    @Test
    void foreignDataObjectsAndTheirPrivilegesArrive(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(ROLES);
        source.execute(String.join(";\n",
                "CREATE EXTENSION postgres_fdw",
                "GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO fdw_admin",
                "CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example', port '5433', dbname 'it''s')",
                "COMMENT ON SERVER remote IS 'the old reporting box'",
                "ALTER SERVER remote OWNER TO fdw_admin",
                "GRANT USAGE ON FOREIGN SERVER remote TO fdw_user",
                "CREATE USER MAPPING FOR fdw_user SERVER remote OPTIONS (user 'reporter', password 'mapping-secret')",
                "CREATE USER MAPPING FOR PUBLIC SERVER remote",
                "CREATE FOREIGN DATA WRAPPER plain_fdw OPTIONS (debug 'true')",
                "CREATE SERVER \"Odd Server\" TYPE 'file' VERSION '1.0' FOREIGN DATA WRAPPER plain_fdw",
                "CREATE SCHEMA far",
                "CREATE FOREIGN TABLE far.accounts (id int OPTIONS (column_name 'account_id') NOT NULL, name text DEFAULT 'n/a',"
                        + " CONSTRAINT positive CHECK (id > 0)) SERVER remote OPTIONS (schema_name 'public', table_name 'accounts')",
                "COMMENT ON FOREIGN TABLE far.accounts IS 'lives elsewhere'",
                "ALTER FOREIGN TABLE far.accounts OWNER TO fdw_admin",
                "GRANT SELECT (name) ON far.accounts TO fdw_user",
                "REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC",
                "GRANT USAGE ON LANGUAGE plpgsql TO fdw_user"));
        target.execute(ROLES);

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).execute();

        assertThat(result.objects()).containsEntry("foreign server", 2).containsEntry("foreign table", 1).containsEntry("user mapping", 2);
        assertThat(result.warnings()).noneMatch(w -> w.code().equals("unsupported-object"));
        assertThat(target.queryValue("SELECT array_to_string(umoptions, ',') FROM pg_user_mappings WHERE usename = 'fdw_user'"))
                .isEqualTo("user=reporter,password=mapping-secret");
        assertThatDatabase(target).isEquivalentTo(source);
    }
}
