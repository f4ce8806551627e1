package org.pgmigrate;

/**
 * The phases of a migration, in the order they run (an online migration runs SEQUENCES after
 * CUTOVER, and STREAM and CUTOVER only in online mode).
 */
public enum Phase {
    /** Create the source server's roles on the target, with memberships and settings. */
    ROLES,
    /** Create the databases of a whole-server migration on the target. */
    DATABASES,
    /** Connect to both servers and check that the migration may start. */
    PREPARE,
    /** Open the source snapshot every reader shares and read the source catalogs. */
    SNAPSHOT,
    /** Create schemas, types, functions, tables (without indexes) and views on the target. */
    PRE_DATA,
    /** Copy rows, and build each table's indexes and constraints as soon as its rows are in. */
    DATA,
    /** Add foreign keys once every table is loaded. */
    FOREIGN_KEYS,
    /** Set sequences to the source values. */
    SEQUENCES,
    /** Copy large objects with their owners and privileges. */
    LARGE_OBJECTS,
    /** Refresh materialized views and build their indexes; then create event triggers, last of all objects. */
    MATERIALIZED_VIEWS,
    /** Collect planner statistics of partitioned tables and materialized views (tables get theirs as they finish loading). */
    ANALYZE,
    /**
     * Online mode: apply the source's changes on the target until a cutover is requested. In
     * online mode {@link #SEQUENCES} runs after {@link #CUTOVER}, with the values of that moment.
     */
    STREAM,
    /** Online mode: apply every change up to the source's WAL position at the cutover request, then stop streaming. */
    CUTOVER,
    /** Compare the target with the source: rows, sequences, large objects, schema. */
    VERIFY
}
