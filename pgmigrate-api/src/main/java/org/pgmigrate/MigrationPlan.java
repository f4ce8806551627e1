package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/**
 * What a migration would do, found by a dry run that reads both servers and changes nothing
 * (see {@link Migration.Builder#plan()}): the roles it would create, the databases it would create
 * and migrate, and for each database its objects, tables and what the filter leaves out.
 */
@Value.Immutable
public abstract class MigrationPlan {
    public static Builder builder() {
        return new Builder();
    }

    /** Roles that would be created on the target. */
    public abstract List<String> rolesToCreate();

    /** Roles the databases need that the target already has: they would be left as they are. */
    public abstract List<String> existingRoles();

    /** Reserved roles of the source that would not be created. */
    public abstract List<String> reservedRoles();

    /** Databases that would be created on the target (whole-server migrations). */
    public abstract List<String> databasesToCreate();

    /** The server-level phases, in order, before the databases' own ({@link DatabasePlan#phases()}). */
    public abstract List<Phase> phases();

    /** One plan per database, in the order they would be migrated. */
    public abstract List<DatabasePlan> databases();

    /** Whether a migration would be refused: some database's filter leaves out what it keeps depends on. */
    public boolean hasBrokenDependencies() {
        return databases().stream().anyMatch(d -> !d.brokenDependencies().isEmpty());
    }

    public static class Builder extends ImmutableMigrationPlan.Builder {}
}
