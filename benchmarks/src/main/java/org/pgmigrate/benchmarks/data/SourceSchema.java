package org.pgmigrate.benchmarks.data;

/**
 * The SQL that builds the benchmark database inside the server: a pgbench-like {@code accounts}
 * table, a wide {@code orders} table (text, jsonb, timestamptz, numeric; btree, expression and
 * partial indexes) and many small tables with a primary key. Rows come from
 * {@code generate_series}, so generation runs at the server's speed; values are deterministic.
 */
final class SourceSchema {
    private SourceSchema() {}

    static String tables() {
        return """
                CREATE TABLE public.accounts (
                    aid integer NOT NULL,
                    bid integer NOT NULL,
                    abalance integer NOT NULL,
                    filler character(84)
                );
                CREATE TABLE public.orders (
                    id bigint NOT NULL,
                    customer text NOT NULL,
                    email text,
                    attributes jsonb NOT NULL,
                    created_at timestamptz NOT NULL,
                    shipped_at timestamptz,
                    amount numeric(12,2) NOT NULL,
                    status text NOT NULL,
                    note text
                );
                CREATE SCHEMA small;
                """;
    }

    /** Small tables {@code first..last}, each with a primary key and an index on its label. */
    static String smallTables(int first, int last, int rows) {
        return """
                DO $$
                BEGIN
                    FOR t IN %d..%d LOOP
                        EXECUTE format('CREATE TABLE small.%%I (id integer PRIMARY KEY, label text NOT NULL, amount numeric)',
                                       't' || lpad(t::text, 5, '0'));
                        EXECUTE format('INSERT INTO small.%%I SELECT i, ''label '' || i, i * %%s / 7.0 FROM generate_series(1, %d) i',
                                       't' || lpad(t::text, 5, '0'), t);
                        EXECUTE format('CREATE INDEX ON small.%%I (label)', 't' || lpad(t::text, 5, '0'));
                    END LOOP;
                END
                $$
                """.formatted(first, last, rows);
    }

    /** Rows {@code first..last} of accounts, 100,000 accounts per branch as in pgbench. */
    static String accounts(long first, long last) {
        return """
                INSERT INTO public.accounts
                SELECT i, (i - 1) / 100000 + 1, (i * 7919 %% 100001)::int - 50000, ''
                FROM generate_series(%d::bigint, %d::bigint) i
                """.formatted(first, last);
    }

    /** Rows {@code first..last} of orders. */
    static String orders(long first, long last) {
        return """
                INSERT INTO public.orders
                SELECT i,
                       'customer ' || md5(i::text),
                       CASE WHEN i %% 5 = 0 THEN NULL ELSE 'user' || i || '@example.com' END,
                       jsonb_build_object('id', i, 'tags', jsonb_build_array('t' || i %% 10, 'u' || i %% 7),
                                          'score', (i %% 1000) / 10.0, 'active', i %% 2 = 0),
                       timestamptz '2020-01-01 00:00:00+00' + i * interval '17 seconds',
                       CASE WHEN i %% 4 = 0 THEN NULL ELSE timestamptz '2020-01-02 00:00:00+00' + i * interval '19 seconds' END,
                       (i * 7919 %% 10000000) / 100.0,
                       (ARRAY['open', 'paid', 'shipped', 'cancelled'])[i %% 4 + 1],
                       CASE WHEN i %% 3 = 0 THEN NULL ELSE md5((i * 31)::text) || md5((i * 37)::text) END
                FROM generate_series(%d::bigint, %d::bigint) i
                """.formatted(first, last);
    }

    static String accountsIndexes() {
        return "ALTER TABLE public.accounts ADD PRIMARY KEY (aid)";
    }

    static String ordersIndexes() {
        return """
                ALTER TABLE public.orders ADD PRIMARY KEY (id);
                CREATE INDEX orders_created_at ON public.orders (created_at);
                CREATE INDEX orders_status_amount ON public.orders (status, amount);
                CREATE INDEX orders_lower_customer ON public.orders (lower(customer));
                CREATE INDEX orders_open_amount ON public.orders (amount) WHERE status = 'open';
                """;
    }
}
