package org.pgmigrate;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What migrating one database would do, found by a dry run that reads the source and changes
 * nothing: one of the databases of a {@link MigrationPlan}.
 */
@Value.Immutable
public abstract class DatabasePlan {
    public static Builder builder() {
        return new Builder();
    }

    /** The source database. */
    public abstract String database();

    /** The tables to create, in no particular order. */
    public abstract List<PlannedTable> tables();

    /** Number of objects that would be created on the target, per kind ("table", "index", ...). */
    public abstract Map<String, Integer> objects();

    /**
     * What the filter leaves out, one line each: {@code schema archive}, {@code table public.audit_log},
     * {@code rows of table public.events}, {@code extension hstore}.
     */
    public abstract List<String> excluded();

    /**
     * Objects taken that depend on objects left out, e.g. {@code view public.v depends on excluded
     * table public.t}; a migration with this filter would be refused while this is not empty.
     */
    public abstract List<String> brokenDependencies();

    /** What the migration would not do as asked, as found while reading the source. */
    public abstract List<MigrationWarning> warnings();

    /** The phases the migration would run, in order. */
    public abstract List<Phase> phases();

    /** Sum of the estimated sizes of the tables whose rows would be copied. */
    public long estimatedBytes() {
        return tables().stream().filter(PlannedTable::dataIncluded).mapToLong(PlannedTable::estimatedBytes).sum();
    }

    public static class Builder extends ImmutableDatabasePlan.Builder {}
}
