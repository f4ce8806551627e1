package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.testkit.LibraryOnlyHere;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Objects the target cannot create are found before anything is changed, with what depends on
 * them: the migration refuses naming them, or leaves them out when asked, names each in a
 * warning, and verifies the rest.
 */
@ExtendWith(PostgresExtension.class)
class UncreatableObjectsIT {
    /** Everything of the user's in a database: relations, functions, types of their own, schemas (pgmigrate's journal too). */
    private static List<String> userObjects(TestDatabase db) {
        return db.queryColumn("SELECT 'relation ' || c.oid::regclass::text FROM pg_class c WHERE c.oid >= 16384"
                + " AND c.relnamespace <> 'pg_toast'::regnamespace"
                + " UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.oid >= 16384"
                + " UNION ALL SELECT 'type ' || t.oid::regtype::text FROM pg_type t WHERE t.oid >= 16384 AND t.typrelid = 0 AND t.typcategory <> 'A'"
                + " UNION ALL SELECT 'schema ' || nspname::text FROM pg_namespace WHERE oid >= 16384 ORDER BY 1");
    }

    /**
     * A C library only the source has (a copy of a contrib library, see {@link LibraryOnlyHere}).
     * Two functions over one symbol of it, a trigger, a view, a column default, a CHECK constraint
     * and a NOT VALID one using them; tables with rows that do not.
     */
    private static String sourceWithALibraryTheTargetLacks(TestDatabase source) {
        LibraryOnlyHere.use(source, "moddatetime", probin -> source.execute(
                "CREATE FUNCTION public.checked(text) RETURNS boolean LANGUAGE c IMMUTABLE AS " + probin + ", 'moddatetime';"
                + " CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE c AS " + probin + ", 'moddatetime'"));
        source.execute("CREATE TABLE public.items (id int PRIMARY KEY, ok boolean DEFAULT public.checked('x'), note text);"
                + " INSERT INTO public.items (id, ok, note) VALUES (1, true, 'a'), (2, false, 'b'), (3, NULL, 'c');"
                + " CREATE TRIGGER items_stamp BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.stamp();"
                + " ALTER TABLE public.items ADD CONSTRAINT items_checked CHECK (public.checked(note)) NOT VALID;"
                + " CREATE VIEW public.checks AS SELECT id, public.checked(note) AS checked FROM public.items;"
                + " CREATE TABLE public.audits (note text CONSTRAINT audits_checked CHECK (public.checked(note)), at date);"
                + " CREATE TABLE public.plain (id int PRIMARY KEY, name text); INSERT INTO public.plain VALUES (1, 'one'), (2, 'two');"
                + " CREATE VIEW public.plain_names AS SELECT name FROM public.plain");
        return "function public.checked(text)";
    }

    /**
     * The preflight's catalog queries and probes do not grow with the number of objects: a dry
     * run (which runs it, leaving out what the target cannot create) sends as many statements to
     * each server for fifty functions over one library, fifty internal functions, fifty views and
     * fifty column defaults on a missing library, as for five.
     */
    @Test
    void thePreflightSendsAsManyStatementsForFiftyObjectsOfEachKindAsForFive(@Pg(instance = "source") TestDatabase few,
                                                                            @Pg(instance = "source") TestDatabase many,
                                                                            @Pg(instance = "target") TestDatabase fewTarget,
                                                                            @Pg(instance = "target") TestDatabase manyTarget) {
        List<Integer> forFive = statementsOfADryRun(few, 5, fewTarget);
        List<Integer> forFifty = statementsOfADryRun(many, 50, manyTarget);

        assertThat(forFive.get(0)).as("statements to the source").isGreaterThan(10);
        assertThat(forFifty).as("statements to the source and the target, for 50 of each vs 5").isEqualTo(forFive);
    }

    private static List<Integer> statementsOfADryRun(TestDatabase source, int objects, TestDatabase target) {
        String function = sourceWithALibraryTheTargetLacks(source);
        source.execute("DO $$ BEGIN FOR i IN 1.." + objects + " LOOP"
                + " EXECUTE format('CREATE FUNCTION public.stamp%s() RETURNS trigger LANGUAGE c AS ''$libdir/moddatetime'', ''moddatetime''', i);"
                + " EXECUTE format('CREATE FUNCTION public.parse%s(cstring) RETURNS integer LANGUAGE internal IMMUTABLE AS ''int4in''', i);"
                + " EXECUTE format('CREATE VIEW public.check%s AS SELECT public.checked(note) FROM public.items', i);"
                + " EXECUTE format('CREATE TABLE public.t%s (id int, ok boolean DEFAULT public.checked(''y''))', i);"
                + " END LOOP; END $$");
        AtomicInteger toSource = new AtomicInteger();
        AtomicInteger toTarget = new AtomicInteger();
        MigrationPlan plan = Migration.from(Endpoint.of(CountingDataSource.counting(source, toSource)))
                .to(Endpoint.of(CountingDataSource.counting(target, toTarget))).leaveOutUncreatableObjects(true).plan();
        MigrationWarning leftOut = plan.databases().get(0).warnings().stream()
                .filter(w -> w.objects().contains(function)).findFirst().orElseThrow();
        assertThat(leftOut.objects()).contains("view public.check" + objects, "default value for column ok of table public.t" + objects)
                .hasSize(5 + 2 * objects);
        return List.of(toSource.get(), toTarget.get());
    }

    @Test
    void aLibraryOnlyTheSourceHasIsRefusedBeforeTheTargetChanges(@Pg(instance = "source") TestDatabase source,
                                                               @Pg(instance = "target") TestDatabase target) {
        String function = sourceWithALibraryTheTargetLacks(source);

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNCREATABLE_OBJECTS))
                .hasMessageContainingAll(function + ": the target cannot load its code: could not access file",
                        "moddatetime_only_here.so", "function public.stamp(): the target cannot load its code",
                        "view public.checks", "default value for column ok of table public.items",
                        "constraint items_checked on table public.items", "constraint audits_checked on table public.audits",
                        "trigger items_stamp on table public.items", "leaveOutUncreatableObjects(true)", "--leave-out-uncreatable",
                        "Nothing was changed on the target")
                .message().doesNotContain("table public.plain", "view public.plain_names");
        assertThat(userObjects(target)).isEmpty();
    }

    @Test
    void leftOutWhenAskedEachNamedInAWarningAndTheRestMigratedAndVerified(@Pg(instance = "source") TestDatabase source,
                                                                          @Pg(instance = "target") TestDatabase target) {
        String function = sourceWithALibraryTheTargetLacks(source);
        // a changed privilege of a system object: leaving objects out is no filter, so it travels
        source.execute("GRANT SELECT (prosrc) ON TABLE pg_catalog.pg_proc TO postgres");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).leaveOutUncreatableObjects(true).execute();

        assertThat(result.completed()).isTrue();
        assertThat(result.warnings()).noneMatch(w -> w.code().equals("system-privileges-not-migrated"));
        assertThat(target.queryValue("SELECT attacl::text FROM pg_catalog.pg_attribute WHERE attrelid = 'pg_catalog.pg_proc'::regclass"
                + " AND attname = 'prosrc'")).isEqualTo("{postgres=r/postgres}");
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.differences()).isEmpty());
        List<MigrationWarning> warnings = result.warnings().stream().filter(w -> w.code().equals("uncreatable-object")).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).message()).contains("The target cannot create " + function, "could not access file", "left out");
        assertThat(warnings.get(0).objects()).containsExactlyInAnyOrder(function, "view public.checks",
                "default value for column ok of table public.items", "constraint items_checked on table public.items",
                "constraint audits_checked on table public.audits");
        assertThat(warnings.get(1).objects()).containsExactly("function public.stamp()", "trigger items_stamp on table public.items");
        // what depends on nothing missing is there, rows and all
        assertThat(target.queryColumn("SELECT id || ':' || coalesce(ok::text, '-') || ':' || note FROM public.items ORDER BY id"))
                .containsExactly("1:true:a", "2:false:b", "3:-:c");
        assertThat(target.queryColumn("SELECT name FROM public.plain_names ORDER BY 1")).containsExactly("one", "two");
        // the tables are there without the default and the constraints; the function, trigger and view are not
        assertThat(target.queryValue("SELECT count(*) FROM pg_attrdef")).isEqualTo("0");
        assertThat(target.queryColumn("SELECT conname::text FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0")).isEmpty();
        assertThat(target.queryColumn("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal")).isEmpty();
        assertThat(userObjects(target)).containsExactlyInAnyOrder("relation audits", "relation items", "relation items_pkey",
                "relation plain", "relation plain_names", "relation plain_pkey");
        // compared later, the same; unless told, verification names what is missing
        assertThat(Migration.from(source.endpoint()).to(target.endpoint()).leaveOutUncreatableObjects(true).verify().equal()).isTrue();
        assertThat(Migration.from(source.endpoint()).to(target.endpoint()).verify().differences()).extracting(VerificationDifference::object)
                .anyMatch(o -> o.startsWith("function public.checked(")).contains("view public.checks");
    }

    /**
     * PostgreSQL 13 to 18 in the regression database: {@code set_ttdummy} and {@code ttdummy} of
     * 13's regress.so are gone from 18's. Here, the same between 14 and 16: contrib's xml2 library
     * lost {@code xml_is_well_formed} in 15; and 15 renamed the built-in {@code pg_start_backup}.
     */
    @Test
    void aSymbolAndABuiltInTheNewerMajorLacks(@Pg(value = 14, instance = "source") TestDatabase source,
                                              @Pg(value = 16, instance = "target") PostgresServer targetServer) {
        source.execute("CREATE FUNCTION public.well_formed(text) RETURNS boolean LANGUAGE c IMMUTABLE STRICT"
                + " AS '$libdir/pgxml', 'xml_is_well_formed';"
                + " CREATE FUNCTION public.begin_backup(text, boolean, boolean) RETURNS pg_lsn LANGUAGE internal AS 'pg_start_backup';"
                + " CREATE TABLE public.docs (id int PRIMARY KEY, body text); INSERT INTO public.docs VALUES (1, '<a/>'), (2, '<b>');"
                + " CREATE VIEW public.good_docs AS SELECT id FROM public.docs WHERE public.well_formed(body)");
        try (TestDatabase refused = targetServer.createDatabase(); TestDatabase target = targetServer.createDatabase()) {
            assertThatThrownBy(() -> Migration.from(source.endpoint()).to(refused.endpoint()).jobs(2).execute())
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNCREATABLE_OBJECTS))
                    .hasMessageContainingAll("2 objects of the source cannot be created on the target (PostgreSQL 16)",
                            "function public.well_formed(text): the target cannot load its code: could not find function \"xml_is_well_formed\"",
                            "depending on it: view public.good_docs",
                            "function public.begin_backup(text,boolean,boolean): it names the built-in function pg_start_backup");
            assertThat(userObjects(refused)).isEmpty();

            MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).leaveOutUncreatableObjects(true).execute();

            assertThat(result.completed()).isTrue();
            assertThat(result.warnings()).extracting(MigrationWarning::code).containsOnly("uncreatable-object").hasSize(2);
            assertThat(userObjects(target)).containsExactlyInAnyOrder("relation docs", "relation docs_pkey");
            assertThat(target.queryValue("SELECT count(*) FROM public.docs")).isEqualTo("2");
        }
    }

    @Test
    void aTargetUserWhoIsNoSuperuserIsRefusedBaseTypesNamingWhatDependsOnThem(@Pg(instance = "source") TestDatabase source,
                                                                             @Pg(instance = "target") PostgresServer targetServer) {
        source.execute("CREATE TYPE public.amount;"
                + " CREATE FUNCTION public.amount_in(cstring) RETURNS public.amount LANGUAGE internal IMMUTABLE STRICT AS 'int4in';"
                + " CREATE FUNCTION public.amount_out(public.amount) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';"
                + " CREATE TYPE public.amount (INPUT = public.amount_in, OUTPUT = public.amount_out, LIKE = integer);"
                + " CREATE TABLE public.ledger (id int PRIMARY KEY, total public.amount);"
                + " CREATE FUNCTION public.twice(public.amount) RETURNS integer LANGUAGE sql AS 'SELECT 2 * $1::text::integer';"
                + " CREATE TABLE public.notes (id int PRIMARY KEY, body text)");
        targetServer.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uncreatable_app') THEN"
                + " CREATE ROLE uncreatable_app LOGIN PASSWORD 'app-secret'; END IF; END $$");
        String database = "uncreatable_owned";
        targetServer.execute("postgres", "CREATE DATABASE " + database + " OWNER uncreatable_app TEMPLATE template0");
        try {
            Endpoint app = Endpoint.builder().jdbcUrl(targetServer.jdbcUrl(database)).user("uncreatable_app").password("app-secret").build();

            assertThatThrownBy(() -> Migration.from(source.endpoint()).to(app).jobs(2).execute())
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNCREATABLE_OBJECTS))
                    .hasMessageContainingAll("type public.amount: only a superuser may create it",
                            "function public.amount_in(cstring): only a superuser may create it (language internal)",
                            "table public.ledger", "function public.twice(public.amount)", "a superuser to migrate as")
                    .message().doesNotContain("table public.notes");
            assertThat(targetServer.queryColumn(database, "SELECT c.relname::text FROM pg_class c WHERE c.oid >= 16384"
                    + " UNION ALL SELECT nspname::text FROM pg_namespace WHERE oid >= 16384")).isEmpty();
        } finally {
            targetServer.execute("postgres", "DROP DATABASE " + database);
        }
    }
}
