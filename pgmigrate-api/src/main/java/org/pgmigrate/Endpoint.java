package org.pgmigrate;

import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.immutables.value.Value;

/**
 * One side of a migration: a server and database to connect to.
 *
 * <p>Built from a libpq URI ({@code postgresql://user:password@host:5432/db?sslmode=require}), a
 * {@code jdbc:postgresql:} URL, or a {@link DataSource}. The password is kept apart from the URL
 * and never appears in {@link #toString()}.
 */
@Value.Immutable
public abstract class Endpoint {

    /** An endpoint from a libpq URI or a {@code jdbc:postgresql:} URL (credentials may be inside). */
    public static Endpoint of(String url) {
        return ConnectionUrls.parse(url).build();
    }

    /** An endpoint from a URL and a password kept out of it. */
    public static Endpoint of(String url, String password) {
        return ConnectionUrls.parse(url).password(password).build();
    }

    /**
     * An endpoint that takes its connections from a data source. The data source must connect
     * to PostgreSQL through pgjdbc; its URL names the database.
     */
    public static Endpoint of(DataSource dataSource) {
        return builder().jdbcUrl("").dataSource(dataSource).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JDBC URL without user or password ({@code jdbc:postgresql://host:port/db?...}); empty for a data source. */
    public abstract String jdbcUrl();

    public abstract Optional<String> user();

    @Value.Redacted
    public abstract Optional<String> password();

    /** Further pgjdbc connection properties (sslmode, sslrootcert, ...). */
    public abstract Map<String, String> properties();

    /** The data source connections come from, instead of the URL. */
    @Value.Auxiliary
    public abstract Optional<DataSource> dataSource();

    /**
     * The database the URL names; empty when it names none (the server then picks one, usually
     * the user's name) or when the endpoint is a data source.
     */
    public Optional<String> database() {
        return dataSource().isPresent() ? Optional.empty() : ConnectionUrls.database(jdbcUrl());
    }

    /** The same server and credentials, connected to another database. */
    public Endpoint withDatabase(String database) {
        if (dataSource().isPresent()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                    "An endpoint built from a DataSource cannot switch databases; give a URL instead.");
        }
        return builder().from(this).jdbcUrl(ConnectionUrls.replaceDatabase(jdbcUrl(), database)).build();
    }

    /** A description safe to print: the URL and user, never the password. */
    @Override
    public String toString() {
        if (dataSource().isPresent()) {
            return "DataSource(" + dataSource().get().getClass().getName() + ")";
        }
        return user().map(u -> u + " at ").orElse("") + jdbcUrl();
    }

    @Value.Check
    void check() {
        if (dataSource().isEmpty() && !jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                    "Not a PostgreSQL URL: expected postgresql://... or jdbc:postgresql://...");
        }
    }

    public static class Builder extends ImmutableEndpoint.Builder {}
}
