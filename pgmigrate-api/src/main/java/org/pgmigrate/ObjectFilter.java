package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/**
 * Which objects of a database a migration takes, with patterns as pg_dump's {@code -n} and
 * {@code -t} read them:
 * <ul>
 *   <li>{@code schema.name} or {@code name} (any schema; schema and extension patterns have one part);</li>
 *   <li>{@code *} matches any run of characters and {@code ?} one character;</li>
 *   <li>unquoted letters fold to lower case, as in SQL: {@code Orders} matches the table {@code orders};</li>
 *   <li>double-quoted parts are taken literally and case-sensitively: {@code "Orders"} matches only
 *       {@code Orders}, {@code "a.b*"} only the name {@code a.b*}; {@code ""} inside quotes is one quote.</li>
 * </ul>
 *
 * <p>An object is taken when its schema is included (all schemas when {@link #includeSchemas()} is
 * empty) and not excluded. Table patterns select tables, partitioned tables, views, materialized
 * views, sequences and foreign tables; the other objects of an included schema (types, functions,
 * ...) are taken whatever the table patterns say. Indexes, constraints, triggers, rules, policies and
 * statistics follow their table; sequences owned by a table, partitions and inheritance children follow
 * it too. Extensions, casts, large objects and database settings belong to no schema and are taken
 * unless an extension pattern excludes them.
 */
@Value.Immutable
public abstract class ObjectFilter {
    private static final String SCHEMA = "schema";
    private static final String TABLE = "table";
    private static final String EXTENSION = "extension";

    public static Builder builder() {
        return new Builder();
    }

    /** Takes everything. */
    public static ObjectFilter all() {
        return builder().build();
    }

    /** Schemas to take; all when empty. */
    public abstract List<String> includeSchemas();

    public abstract List<String> excludeSchemas();

    /** Tables (and views, sequences...) to take; all of the included schemas when empty. */
    public abstract List<String> includeTables();

    public abstract List<String> excludeTables();

    /** Tables created on the target without their rows (with their indexes and constraints). */
    public abstract List<String> excludeTableData();

    /** Extensions not to create on the target (and whose configuration rows are not copied). */
    public abstract List<String> excludeExtensions();

    /** Whether this filter takes everything. */
    public boolean takesEverything() {
        return includeSchemas().isEmpty() && excludeSchemas().isEmpty() && includeTables().isEmpty()
                && excludeTables().isEmpty() && excludeTableData().isEmpty() && excludeExtensions().isEmpty();
    }

    /** Whether objects of schema {@code schema} (unquoted, as in the catalog) are taken. */
    public boolean takesSchema(String schema) {
        return (includeSchemas().isEmpty() || anyMatches(schemaIncludes(), schema)) && !anyMatches(schemaExcludes(), schema);
    }

    /** Whether the table (or view, sequence...) {@code schema.name} is taken. */
    public boolean takesTable(String schema, String name) {
        return takesSchema(schema)
                && (includeTables().isEmpty() || anyMatches(tableIncludes(), schema, name))
                && !anyMatches(tableExcludes(), schema, name);
    }

    /** Whether the rows of table {@code schema.name} are copied (when the table is taken). */
    public boolean takesTableData(String schema, String name) {
        return !anyMatches(tableDataExcludes(), schema, name);
    }

    /** Whether extension {@code name} is created on the target. */
    public boolean takesExtension(String name) {
        return !anyMatches(extensionExcludes(), name);
    }

    @Value.Lazy
    List<NamePattern> schemaIncludes() {
        return parse(includeSchemas(), 1, SCHEMA);
    }

    @Value.Lazy
    List<NamePattern> schemaExcludes() {
        return parse(excludeSchemas(), 1, SCHEMA);
    }

    @Value.Lazy
    List<NamePattern> tableIncludes() {
        return parse(includeTables(), 2, TABLE);
    }

    @Value.Lazy
    List<NamePattern> tableExcludes() {
        return parse(excludeTables(), 2, TABLE);
    }

    @Value.Lazy
    List<NamePattern> tableDataExcludes() {
        return parse(excludeTableData(), 2, TABLE);
    }

    @Value.Lazy
    List<NamePattern> extensionExcludes() {
        return parse(excludeExtensions(), 1, EXTENSION);
    }

    /** Malformed patterns fail when the filter is built, not half-way through a migration. */
    @Value.Check
    void check() {
        List.of(schemaIncludes(), schemaExcludes(), tableIncludes(), tableExcludes(), tableDataExcludes(), extensionExcludes());
    }

    private static List<NamePattern> parse(List<String> patterns, int maxParts, String what) {
        return patterns.stream().map(p -> NamePattern.parse(p, maxParts, what)).toList();
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name) {
        return patterns.stream().anyMatch(p -> p.matches(name));
    }

    private static boolean anyMatches(List<NamePattern> patterns, String schema, String name) {
        return patterns.stream().anyMatch(p -> p.matches(schema, name));
    }

    public static class Builder extends ImmutableObjectFilter.Builder {}
}
