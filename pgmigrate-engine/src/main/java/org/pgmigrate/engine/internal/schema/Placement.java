package org.pgmigrate.engine.internal.schema;

/** When an object's statements run, relative to the data copy. */
public enum Placement {
    /** Before any row is copied, in dependency order. */
    PRE_DATA,
    /** Indexes and constraints of partitioned tables, before their partitions are loaded, shallowest first. */
    PARTITIONED_PARENT,
    /** Right after the rows of one table are in: its indexes, constraints, triggers, rules, policies. */
    TABLE_POST_DATA,
    /** Once every table is loaded: foreign keys. */
    FOREIGN_KEY,
    /**
     * Once every table is loaded: triggers, rules and policies of views and of partitioned
     * tables (whose triggers would otherwise fire on their partitions' COPY).
     */
    AFTER_ALL_DATA,
    /** Once materialized views are refreshed: their indexes. */
    MATVIEW_POST_DATA,
    /** After every other object: event triggers, so that none fires on the migration's own statements. */
    LAST
}
