package org.pgmigrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.immutables.value.Value;

/**
 * One side of a migration: a server and database to connect to.
 *
 * <p>Built from a libpq URI ({@code postgresql://user:password@host:5432/db?sslmode=require}), a
 * {@code jdbc:postgresql:} URL, or a {@link DataSource}. The password is kept apart from the URL
 * and never appears in {@link #toString()}. It can also come from a file
 * ({@link Builder#passwordFromFile}), an environment variable ({@link Builder#passwordFromEnvironment})
 * or a password file of the {@code .pgpass} format ({@link #passFile()}; without one, pgjdbc
 * reads {@code PGPASSFILE} or {@code ~/.pgpass} when no password is given).
 *
 * <p>TLS settings are pgjdbc connection properties, taken from the URL's query
 * ({@code ?sslmode=verify-full&sslrootcert=/path/root.crt}) or set with {@link Builder#sslMode},
 * {@link Builder#sslRootCert}, {@link Builder#sslCert}, {@link Builder#sslKey} and
 * {@link #sslPassword()}.
 */
@Value.Immutable
public abstract class Endpoint {
    private static final String MASK = "********";

    /** Properties that have attributes of their own, so that secrets stay redacted and there is one place for each. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of("user", "password", "sslpassword");

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

    /** A builder starting from a URL, to add a password source or TLS settings: {@code Endpoint.builder(url).passwordFromFile(f).build()}. */
    public static Builder builder(String url) {
        return ConnectionUrls.parse(url);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JDBC URL without user or password ({@code jdbc:postgresql://host:port/db?...}); empty for a data source. */
    public abstract String jdbcUrl();

    public abstract Optional<String> user();

    @Value.Redacted
    public abstract Optional<String> password();

    /**
     * A password file in libpq's {@code .pgpass} format, consulted when no {@link #password()} is
     * given. Read when connecting, so a changed file is seen by the next connection.
     */
    public abstract Optional<Path> passFile();

    /** The password of the client certificate's key ({@code sslkey}), when it is encrypted. */
    @Value.Redacted
    public abstract Optional<String> sslPassword();

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

    /**
     * The password to connect with: {@link #password()}, else the first matching line of
     * {@link #passFile()} (for the first host of the URL). Empty leaves it to pgjdbc's own
     * {@code PGPASSFILE} / {@code ~/.pgpass} lookup.
     *
     * @throws PgMigrateException {@link ErrorKind#INVALID_REQUEST} when the pass file cannot be read
     */
    public Optional<String> connectionPassword() {
        if (password().isPresent() || passFile().isEmpty() || dataSource().isPresent()) {
            return password();
        }
        ConnectionUrls.Address address = ConnectionUrls.address(jdbcUrl());
        return PassFile.lookup(passFile().get(), address.host, address.port, address.database,
                user().orElse(System.getProperty("user.name", "")));
    }

    /**
     * The pgjdbc properties of a connection to this endpoint: {@link #properties()} with user and
     * secrets. A URL of several hosts connects to the one that is the primary unless it says
     * otherwise ({@code targetServerType}, or libpq's {@code target_session_attrs}): a migration
     * writes to its target, and an online one keeps its slot on the source's primary.
     */
    public Properties connectionProperties() {
        Properties p = new Properties();
        if (dataSource().isEmpty() && ConnectionUrls.hostCount(jdbcUrl()) > 1) {
            // a targetServerType in the URL's query wins over this property in pgjdbc
            p.setProperty("targetServerType", "primary");
        }
        p.putAll(properties());
        user().ifPresent(u -> p.setProperty("user", u));
        connectionPassword().ifPresent(pw -> p.setProperty("password", pw));
        sslPassword().ifPresent(pw -> p.setProperty("sslpassword", pw));
        return p;
    }

    /** {@code text} with this endpoint's secrets masked, for messages a driver may have built from them. */
    public String redact(String text) {
        String result = text == null ? "no detail given" : text;
        for (Optional<String> secret : java.util.List.of(password(), sslPassword(), passFilePassword())) {
            if (secret.isPresent() && !secret.get().isEmpty()) {
                result = result.replace(secret.get(), MASK);
            }
        }
        return result;
    }

    /** The password {@link #passFile()} gives, if any; empty too when the file cannot be read (the connection will say so). */
    private Optional<String> passFilePassword() {
        if (password().isPresent() || passFile().isEmpty()) {
            return Optional.empty();
        }
        try {
            return connectionPassword();
        } catch (PgMigrateException e) {
            return Optional.empty();
        }
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
        for (String name : properties().keySet()) {
            if (RESERVED_PROPERTIES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Give '" + name
                        + "' with its own builder method (user, password, sslPassword), not as a connection property.");
            }
        }
        String sslMode = properties().get("sslmode");
        if (sslMode != null) {
            SslMode.of(sslMode);
        }
    }

    public static class Builder extends ImmutableEndpoint.Builder {
        /**
         * The password is the content of {@code file}, without its trailing line break, read now.
         *
         * @throws PgMigrateException {@link ErrorKind#INVALID_REQUEST} naming the file when it
         *         cannot be read or is empty
         */
        public Builder passwordFromFile(Path file) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                // the exception's own message could quote the file; the type and path are enough
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Cannot read the password file " + file
                        + " (" + e.getClass().getSimpleName() + "); check that it exists, is readable and holds UTF-8 text.");
            }
            String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (password.isEmpty()) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The password file " + file + " is empty.");
            }
            password(password);
            return this;
        }

        /**
         * The password is the value of the environment variable {@code name}, read now.
         *
         * @throws PgMigrateException {@link ErrorKind#INVALID_REQUEST} when it is not set or empty
         */
        public Builder passwordFromEnvironment(String name) {
            String password = System.getenv(name);
            if (password == null || password.isEmpty()) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                        "The environment variable " + name + " that should hold the password is not set.");
            }
            password(password);
            return this;
        }

        /** How the connection uses TLS (pgjdbc's {@code sslmode}). */
        public Builder sslMode(SslMode mode) {
            putProperties("sslmode", mode.value());
            return this;
        }

        /** The root certificate(s) the server's certificate must be signed by, PEM ({@code sslrootcert}). */
        public Builder sslRootCert(Path file) {
            putProperties("sslrootcert", file.toString());
            return this;
        }

        /** The client certificate, PEM ({@code sslcert}). */
        public Builder sslCert(Path file) {
            putProperties("sslcert", file.toString());
            return this;
        }

        /** The client certificate's private key, PKCS#8 in PEM or DER ({@code sslkey}). */
        public Builder sslKey(Path file) {
            putProperties("sslkey", file.toString());
            return this;
        }
    }
}
