package org.pgmigrate;

import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which databases of the source server a migration moves: the one the endpoints name (the
 * default), every user database, or a list of names.
 *
 * <pre>{@code
 * .databases(DatabaseSelection.allUserDatabases().excluding("scratch"))
 * }</pre>
 */
@Value.Immutable
public abstract class DatabaseSelection {
    /**
     * Databases never selected by {@link #allUserDatabases()}: the templates and the maintenance
     * databases of managed PostgreSQL offerings, which belong to the provider.
     */
    public static final Set<String> DEFAULT_EXCLUDED = Set.of("template0", "template1",
            "rdsadmin", "azure_maintenance", "azure_sys", "cloudsqladmin", "alloydbadmin", "_dodb", "defaultdb_maintenance");

    /** How the databases are chosen. */
    public enum Kind {
        /** The database named by the source endpoint, into the one named by the target endpoint. */
        ENDPOINT,
        /** Every database of the source server the user may connect to, except the excluded ones. */
        ALL,
        /** The databases listed, each into the database of the same name on the target. */
        NAMED
    }

    /** The database the endpoints name (the default). */
    public static DatabaseSelection endpointDatabase() {
        return new Builder().kind(Kind.ENDPOINT).build();
    }

    /**
     * Every database the source user may connect to, except template0, template1 and providers'
     * maintenance databases ({@link #DEFAULT_EXCLUDED}); each goes to the database of the same
     * name on the target, created when missing.
     */
    public static DatabaseSelection allUserDatabases() {
        return new Builder().kind(Kind.ALL).addAllExcluded(DEFAULT_EXCLUDED).build();
    }

    /** These databases, each into the database of the same name on the target. */
    public static DatabaseSelection named(String... databases) {
        if (databases.length == 0) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Name at least one database.");
        }
        return new Builder().kind(Kind.NAMED).addNames(databases).build();
    }

    public abstract Kind kind();

    /** The databases of {@link Kind#NAMED}, in order. */
    public abstract List<String> names();

    /** Databases left out of {@link Kind#ALL}. */
    public abstract Set<String> excluded();

    /** This selection, leaving out these databases as well. */
    public DatabaseSelection excluding(String... databases) {
        return new Builder().from(this).addExcluded(databases).build();
    }

    /** Whether the migration works on the server rather than on the endpoints' database. */
    public boolean wholeServer() {
        return kind() != Kind.ENDPOINT;
    }

    @Value.Check
    void check() {
        for (String name : names()) {
            if (name.isEmpty()) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "A database name is empty.");
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind()) {
            case ENDPOINT -> "the endpoint's database";
            case ALL -> "all user databases" + (excluded().isEmpty() ? "" : " except " + String.join(", ", new java.util.TreeSet<>(excluded())));
            case NAMED -> String.join(", ", names());
        };
    }

    public static class Builder extends ImmutableDatabaseSelection.Builder {}
}
