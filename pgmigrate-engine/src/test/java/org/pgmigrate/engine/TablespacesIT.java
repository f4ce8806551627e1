package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.TablespaceMapping;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Tables, partitions, indexes (partial ones, those of constraints, those of partitioned tables)
 * and materialized views stay in the tablespaces of their names where the target has them; a
 * mapping sends them to another tablespace or to the default; a tablespace the target lacks,
 * with no mapping, is refused before anything changes.
 */
@ExtendWith(PostgresExtension.class)
class TablespacesIT {
    /** Relations in tablespaces %1$s and %2$s, one partition in the default under a parent in %1$s. */
    private static final String OBJECTS = String.join(";\n",
            "CREATE TABLE public.fast (id int PRIMARY KEY USING INDEX TABLESPACE %1$s, note text) TABLESPACE %1$s",
            "CREATE INDEX fast_note ON public.fast (note) TABLESPACE %2$s WHERE note IS NOT NULL",
            "CREATE TABLE public.slow (id int, during int4range, EXCLUDE USING gist (during WITH &&) USING INDEX TABLESPACE %2$s)",
            "CREATE TABLE public.events (id int, at date, PRIMARY KEY (id, at) USING INDEX TABLESPACE %1$s) PARTITION BY RANGE (at)"
                    + " TABLESPACE %1$s",
            "CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') TABLESPACE %1$s",
            "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') TABLESPACE pg_default",
            "CREATE INDEX events_at ON public.events (at) TABLESPACE %2$s",
            "INSERT INTO public.fast SELECT i, 'n' || i FROM generate_series(1, 50) i",
            "INSERT INTO public.events VALUES (1, '2024-03-01'), (2, '2025-03-01')",
            "CREATE MATERIALIZED VIEW public.fast_count TABLESPACE %2$s AS SELECT count(*) FROM public.fast");

    private static final String PLACES = "SELECT c.relname || ' ' || coalesce(t.spcname, '-') FROM pg_class c"
            + " LEFT JOIN pg_tablespace t ON t.oid = c.reltablespace WHERE c.relnamespace = 'public'::regnamespace"
            + " AND c.relkind IN ('r', 'p', 'm', 'i', 'I') ORDER BY c.relname COLLATE \"C\"";

    @TempDir
    Path dir;

    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void dropWhatTheTestMade() {
        // databases first, then the tablespaces they used
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
    }

    @Test
    void relationsStayInTablespacesOfTheirNamesAcrossMajors(@Pg(value = 11, instance = "source") PostgresServer older,
                                                            @Pg(instance = "source") PostgresServer sameMajor,
                                                            @Pg(instance = "target") PostgresServer target) throws IOException {
        tablespace(target, "ts_keep_a");
        tablespace(target, "ts_keep_b");
        for (PostgresServer server : List.of(older, sameMajor)) {
            tablespace(server, "ts_keep_a");
            tablespace(server, "ts_keep_b");
            TestDatabase source = database(server);
            source.execute(OBJECTS.formatted("ts_keep_a", "ts_keep_b"));
            TestDatabase copy = database(target);

            Migration.from(source.endpoint()).to(copy.endpoint()).execute();

            assertThatDatabase(copy).isEquivalentTo(source);
            assertThat(copy.queryColumn(PLACES)).as("from " + server.major()).contains("events_2024 ts_keep_a", "events_2025 -",
                    "events_at ts_keep_b", "fast ts_keep_a", "fast_count ts_keep_b", "fast_note ts_keep_b", "fast_pkey ts_keep_a",
                    "slow_during_excl ts_keep_b");
        }
    }

    @Test
    void aMappingSendsRelationsToAnotherTablespaceOrTheDefault(@Pg(instance = "source") PostgresServer sourceServer,
                                                               @Pg(instance = "target") PostgresServer targetServer) throws IOException {
        tablespace(sourceServer, "ts_map_a");
        tablespace(sourceServer, "ts_map_b");
        tablespace(targetServer, "ts_map_c");
        TestDatabase source = database(sourceServer);
        source.execute(OBJECTS.formatted("ts_map_a", "ts_map_b"));
        TestDatabase target = database(targetServer);

        // verification, on by default, compares the tablespaces as mapped
        Migration.from(source.endpoint()).to(target.endpoint())
                .tablespaces(TablespaceMapping.map("ts_map_a", "ts_map_c"), TablespaceMapping.toDefault("ts_map_b")).execute();

        List<String> expected = source.queryColumn(PLACES).stream()
                .map(place -> place.replace(" ts_map_a", " ts_map_c").replace(" ts_map_b", " -")).toList();
        assertThat(expected).contains("events_at -", "fast ts_map_c", "fast_count -", "fast_note -", "fast_pkey ts_map_c", "slow_during_excl -");
        assertThat(target.queryColumn(PLACES)).containsExactlyElementsOf(expected);
    }

    @Test
    void aTablespaceTheTargetLacksIsRefusedBeforeAnythingChanges(@Pg(instance = "source") PostgresServer sourceServer,
                                                                 @Pg(instance = "target") PostgresServer targetServer) throws IOException {
        tablespace(sourceServer, "ts_only_here");
        tablespace(sourceServer, "ts_here_too");
        TestDatabase source = database(sourceServer);
        source.execute(OBJECTS.formatted("ts_only_here", "ts_here_too"));
        TestDatabase target = database(targetServer);

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("\"ts_only_here\", used by public.events, public.events_2024",
                            "\"ts_here_too\", used by public.events_2024_at_idx", "and 1 more", "--tablespace-map", "TablespaceMapping", "Nothing was changed");
                });
        assertThat(target.queryValue("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");

        Migration.from(source.endpoint()).to(target.endpoint()).tablespaces(TablespaceMapping.allToDefault()).execute();
        assertThat(target.queryColumn(PLACES)).allMatch(place -> place.endsWith(" -"));
    }

    @Test
    void aDatabaseCreatedOnTheTargetGetsItsDefaultTablespaceAsMapped(@Pg(instance = "source") PostgresServer sourceServer,
                                                                      @Pg(instance = "target") PostgresServer targetServer) throws IOException {
        tablespace(sourceServer, "ts_db_a");
        tablespace(targetServer, "ts_db_b");
        String name = "tablespaces_it_" + ProcessHandle.current().pid();
        sourceServer.execute("postgres", "CREATE DATABASE " + name + " TABLESPACE ts_db_a");
        cleanup.add(() -> sourceServer.execute("postgres", "DROP DATABASE " + name));
        cleanup.add(() -> targetServer.execute("postgres", "DROP DATABASE IF EXISTS " + name));
        sourceServer.execute(name, "CREATE TABLE public.t (id int); INSERT INTO public.t VALUES (1)");

        assertThatThrownBy(() -> Migration.from(sourceServer.endpoint("postgres")).to(targetServer.endpoint("postgres"))
                .databases(DatabaseSelection.named(name)).roles(RoleSelection.NONE).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.getMessage())
                        .contains("default tablespace \"ts_db_a\" does not exist on the target server", "Nothing was changed"));
        assertThat(targetServer.queryColumn("postgres", "SELECT datname FROM pg_database")).doesNotContain(name);

        Migration.from(sourceServer.endpoint("postgres")).to(targetServer.endpoint("postgres"))
                .databases(DatabaseSelection.named(name)).roles(RoleSelection.NONE)
                .tablespaces(TablespaceMapping.map("ts_db_a", "ts_db_b")).execute();

        assertThat(targetServer.queryColumn("postgres", "SELECT t.spcname FROM pg_database d JOIN pg_tablespace t"
                + " ON t.oid = d.dattablespace WHERE d.datname = '" + name + "'")).containsExactly("ts_db_b");
        assertThat(targetServer.queryColumn(name, "SELECT id FROM public.t")).containsExactly("1");
    }

    private TestDatabase database(PostgresServer server) {
        TestDatabase db = server.createDatabase();
        cleanup.add(db::close);
        return db;
    }

    private void tablespace(PostgresServer server, String name) throws IOException {
        Path location = Files.createDirectories(dir.resolve(name + "-" + server.port()));
        server.execute("postgres", "CREATE TABLESPACE " + name + " LOCATION '" + location + "'");
        cleanup.add(() -> server.execute("postgres", "DROP TABLESPACE " + name));
    }
}
