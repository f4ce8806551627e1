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

/**
 * Objects that pg_depend alone cannot put in an order of creation, from PostgreSQL's own
 * regression suite (the file each comes from is named): loops that a part of one object breaks,
 * objects that need what is built after the data, and how aggregates are named.
 */
@ExtendWith(PostgresExtension.class)
class CreationOrderIT {
    private static MigrationResult migrate(TestDatabase source, TestDatabase target) {
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute();
        assertThat(result.completed()).isTrue();
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
        assertThatDatabase(target).isEquivalentTo(source);
        return result;
    }

    /** create_aggregate.sql, polymorphism.sql: aggregates of no arguments, ordered-set and hypothetical-set ones. */
    @Test
    void aggregatesOfNoArgumentsAndOrderedSetAggregatesKeepTheirSignatures(@Pg(instance = "source") TestDatabase source,
                                                                          @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "CREATE ROLE order_it_reader",
                "CREATE AGGREGATE newcnt (*) (sfunc = int8inc, stype = int8, initcond = '0', parallel = safe)",
                "CREATE AGGREGATE oldcnt (sfunc = int8inc, basetype = 'ANY', stype = int8, initcond = '0')",
                "CREATE AGGREGATE newcnt (\"any\") (sfunc = int8inc_any, stype = int8, initcond = '0')",
                "COMMENT ON AGGREGATE newcnt (*) IS 'an agg(*) comment'",
                "COMMENT ON AGGREGATE newcnt (\"any\") IS 'an agg(any) comment'",
                "CREATE FUNCTION stfnp(int[]) RETURNS int[] AS 'select $1' LANGUAGE SQL",
                "CREATE FUNCTION ffp(anyarray) RETURNS anyarray AS 'select $1' LANGUAGE SQL",
                "CREATE AGGREGATE myaggp01a(*) (SFUNC = stfnp, STYPE = int4[], FINALFUNC = ffp, INITCOND = '{}')",
                "REVOKE ALL ON FUNCTION myaggp01a() FROM PUBLIC",
                "create aggregate my_percentile_disc(float8 ORDER BY anyelement) (stype = internal, sfunc = ordered_set_transition,"
                        + " finalfunc = percentile_disc_final, finalfunc_extra = true, finalfunc_modify = read_write)",
                "create aggregate my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (stype = internal,"
                        + " sfunc = ordered_set_transition_multi, finalfunc = rank_final, finalfunc_extra = true, hypothetical)",
                "COMMENT ON AGGREGATE my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") IS 'hypothetical'",
                "REVOKE ALL ON FUNCTION my_percentile_disc(float8, anyelement) FROM PUBLIC",
                "GRANT EXECUTE ON FUNCTION my_rank(\"any\") TO order_it_reader",
                "ALTER AGGREGATE oldcnt(*) OWNER TO order_it_reader"));
        target.execute("CREATE ROLE order_it_reader");
        try {
            migrate(source, target);

            assertThat(target.queryValue("SELECT newcnt(*) FROM generate_series(1, 3)")).isEqualTo("3");
            assertThat(target.queryValue("SELECT my_rank(2) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 3) x")).isEqualTo("2");
            assertThat(target.queryValue("SELECT obj_description('newcnt(\"any\")'::regprocedure)")).isEqualTo("an agg(any) comment");
        } finally {
            source.execute("DROP OWNED BY order_it_reader; DROP ROLE order_it_reader");
            target.execute("DROP OWNED BY order_it_reader; DROP ROLE order_it_reader");
        }
    }

    /** create_view.sql: views that group by a primary key need the key, which is built after the data. */
    @Test
    void aViewThatGroupsByAPrimaryKeyIsCompletedOnceTheKeyIsThere(@Pg(instance = "source") TestDatabase source,
                                                                  @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "CREATE TABLE view_base_table (key int PRIMARY KEY, data varchar(20))",
                "INSERT INTO view_base_table VALUES (1, 'one'), (2, 'two')",
                "CREATE VIEW key_dependent_view AS SELECT * FROM view_base_table GROUP BY key",
                "CREATE VIEW key_dependent_view_no_cols AS SELECT FROM view_base_table GROUP BY key HAVING length(data) > 0",
                "COMMENT ON COLUMN key_dependent_view.data IS 'said on the column'",
                "CREATE VIEW over_key_dependent AS SELECT data FROM key_dependent_view WHERE key > 1",
                // a materialized view cannot wait with a placeholder: it is created after the data as a whole
                "CREATE MATERIALIZED VIEW key_dependent_matview AS SELECT key, data FROM view_base_table GROUP BY key",
                "CREATE VIEW over_key_dependent_matview WITH (security_barrier) AS SELECT data FROM key_dependent_matview"));

        migrate(source, target);

        assertThat(target.queryColumn("SELECT data FROM over_key_dependent")).containsExactly("two");
        assertThat(target.queryColumn("SELECT data FROM over_key_dependent_matview ORDER BY 1")).containsExactly("one", "two");
    }

    /**
     * copy2.sql: a CHECK constraint calls a function of its table's row type, which needs the
     * table; create_function_sql.sql-like functions of row types come after their tables.
     */
    @Test
    void aCheckConstraintThatCallsAFunctionOfItsTablesRowTypeIsAddedAfterTheFunction(@Pg(instance = "source") TestDatabase source,
                                                                                   @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "create table check_con_tbl (f1 int)",
                "create function check_con_function(check_con_tbl) returns bool as $$ begin return $1.f1 > 0; end $$"
                        + " language plpgsql immutable",
                "alter table check_con_tbl add check (check_con_function(check_con_tbl.*))",
                "comment on constraint check_con_tbl_check on check_con_tbl is 'calls a function'",
                "insert into check_con_tbl values (1), (null)",
                // functions named before the loop's, over row types of tables named after it
                "create table zz_person (name text)",
                "create function a_hobbies(zz_person) returns text language sql as 'select $1.name'"));

        migrate(source, target);

        assertThat(target.queryValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'check_con_tbl_check'"))
                .isEqualTo("CHECK (check_con_function(check_con_tbl.*))");
    }

    /** foreign_key.sql: a partitioned table with a foreign key to itself, partitions attached and nested. */
    @Test
    void partitionsOfATableWithAForeignKeyToItselfFollowTheirParent(@Pg(instance = "source") TestDatabase source,
                                                                   @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "CREATE TABLE parted_self_fk (id bigint NOT NULL PRIMARY KEY, id_abc bigint,"
                        + " FOREIGN KEY (id_abc) REFERENCES parted_self_fk(id)) PARTITION BY RANGE (id)",
                "CREATE TABLE part1_self_fk (id bigint NOT NULL PRIMARY KEY, id_abc bigint)",
                "ALTER TABLE parted_self_fk ATTACH PARTITION part1_self_fk FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE part2_self_fk PARTITION OF parted_self_fk FOR VALUES FROM (10) TO (20)",
                "CREATE TABLE part3_self_fk (id bigint NOT NULL PRIMARY KEY, id_abc bigint) PARTITION BY RANGE (id)",
                "CREATE TABLE part32_self_fk PARTITION OF part3_self_fk FOR VALUES FROM (20) TO (30)",
                "ALTER TABLE parted_self_fk ATTACH PARTITION part3_self_fk FOR VALUES FROM (20) TO (40)",
                "CREATE TABLE part33_self_fk (id bigint NOT NULL PRIMARY KEY, id_abc bigint)",
                "ALTER TABLE part3_self_fk ATTACH PARTITION part33_self_fk FOR VALUES FROM (30) TO (40)",
                "INSERT INTO parted_self_fk VALUES (1, NULL), (2, NULL), (3, NULL)",
                "INSERT INTO parted_self_fk VALUES (10, 1), (11, 2), (12, 3), (35, 12)"));

        migrate(source, target);

        assertThat(target.queryColumn("SELECT conname FROM pg_constraint WHERE contype = 'f' AND conparentid = 0"))
                .containsExactly("parted_self_fk_id_abc_fkey");
    }

    /**
     * Loops through a column default (a SQL-standard function body reads the table, 14+), a
     * domain's CHECK constraint (a function that names the domain), and a view's query (a function
     * returning the view's rows): each is created on its own after the rest of its loop.
     */
    @Test
    void loopsThroughADefaultADomainCheckAndAViewQueryAreBroken(@Pg(instance = "source") TestDatabase source,
                                                                @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "CREATE TABLE tickets (id int, note text)",
                "CREATE FUNCTION next_ticket() RETURNS int LANGUAGE sql RETURN (SELECT coalesce(max(id), 0) + 1 FROM tickets)",
                "ALTER TABLE tickets ALTER COLUMN id SET DEFAULT next_ticket()",
                "CREATE TABLE child_tickets () INHERITS (tickets)",
                "INSERT INTO tickets (note) VALUES ('first'), ('second')",
                "CREATE DOMAIN even_number AS int",
                // the body names the domain (a dependency), and calling it converts nothing to the domain
                "CREATE FUNCTION is_even(n int) RETURNS bool LANGUAGE sql IMMUTABLE RETURN n % 2 = 0 AND 'even_number'::regtype IS NOT NULL",
                "ALTER DOMAIN even_number ADD CONSTRAINT even CHECK (is_even(VALUE))",
                "CREATE TABLE evens (n even_number)",
                "INSERT INTO evens VALUES (2), (4)",
                "CREATE VIEW numbers AS SELECT 1 AS n, 'one'::varchar(10) COLLATE \"C\" AS word",
                "CREATE FUNCTION more_numbers() RETURNS SETOF numbers LANGUAGE sql AS 'SELECT 2, ''two''::varchar(10)'",
                "CREATE OR REPLACE VIEW numbers AS SELECT n, word FROM more_numbers()"));

        migrate(source, target);

        assertThat(target.queryValue("INSERT INTO tickets (note) VALUES ('third') RETURNING id")).isEqualTo("3");
        assertThat(target.queryValue("SELECT word FROM numbers")).isEqualTo("two");
    }
}
