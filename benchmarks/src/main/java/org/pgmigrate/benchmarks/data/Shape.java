package org.pgmigrate.benchmarks.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the source database is made of, besides its small tables (each with a primary key and an
 * index): shapes that stress different parts of a migration, so no figure is tuned to one.
 */
public enum Shape {
    /** 80% of the size in a pgbench-like {@code accounts} table (with its {@code character(84)} filler), 20% in wide {@code orders}. */
    MIXED("mixed", 0.8, 0.2),
    /** All of it in wide {@code orders} rows: text, jsonb, timestamps and numeric, four secondary indexes, no {@code character(n)}. */
    WIDE("wide", 0.0, 1.0),
    /** Only the small tables: catalogs and per-table costs, not rows (the size option is ignored). */
    MANY_SMALL("many-small", 0.0, 0.0);

    private final String id;
    private final double accountsShare;
    private final double wideShare;

    Shape(String id, double accountsShare, double wideShare) {
        this.id = id;
        this.accountsShare = accountsShare;
        this.wideShare = wideShare;
    }

    public String id() {
        return id;
    }

    /** The share of the size that grows with rows given to {@code accounts}. */
    double accountsShare() {
        return accountsShare;
    }

    /** The share given to {@code orders}. */
    double wideShare() {
        return wideShare;
    }

    public static Shape parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "Unknown shape '" + text + "'; choose from " + Arrays.stream(values()).map(Shape::id).collect(Collectors.joining(", "))));
    }
}
