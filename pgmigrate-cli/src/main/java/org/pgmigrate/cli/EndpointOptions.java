package org.pgmigrate.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import picocli.CommandLine.Option;

/**
 * The options naming the source and target databases and where their passwords come from, mixed
 * into every command so that they read the same way: a file ({@code --source-password-file}), a
 * named environment variable ({@code --source-password-env}), the default variable
 * ({@value #SOURCE_PASSWORD_VARIABLE}), the URL, or else pgjdbc's {@code PGPASSFILE} / {@code ~/.pgpass}.
 */
final class EndpointOptions {
    static final String SOURCE_PASSWORD_VARIABLE = "PGMIGRATE_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD_VARIABLE = "PGMIGRATE_TARGET_PASSWORD";

    /** Help text on where passwords and TLS settings go, for every command's usage. */
    static final String URL_HELP = "URL formats:%n"
            + "  postgresql://user[:password]@host[:port]/dbname[?sslmode=require&...]   libpq URI%n"
            + "  jdbc:postgresql://host[:port]/dbname[?user=...&sslmode=...]             pgjdbc URL%n"
            + "Passwords: --*-password-file, then --*-password-env, then " + SOURCE_PASSWORD_VARIABLE + " /%n"
            + "  " + TARGET_PASSWORD_VARIABLE + ", replace one written in the URL; with none of them, the%n"
            + "  password comes from PGPASSFILE or ~/.pgpass (or ?passfile=FILE). Prefer a file or the%n"
            + "  environment: other users of the machine can see command lines. Passwords are never printed.%n"
            + "TLS: URL parameters sslmode=disable|allow|prefer|require|verify-ca|verify-full,%n"
            + "  sslrootcert=FILE (CA certificate, PEM), sslcert=FILE and sslkey=FILE (client certificate%n"
            + "  and PKCS#8 key), sslpassword=... (the key's password); e.g.%n"
            + "  postgresql://app@db:5432/shop?sslmode=verify-full&sslrootcert=/etc/pg/root.crt%n";

    private EndpointOptions() {}

    /** {@code --source} and its password options. */
    static final class Source {
        @Option(names = "--source", paramLabel = "URL", required = true, order = 1,
                description = "the source database (required); with migrate --databases, the source server")
        String url;

        @Option(names = "--source-password-file", paramLabel = "FILE", order = 3,
                description = "read the source password from FILE (one line)")
        String passwordFile;

        @Option(names = "--source-password-env", paramLabel = "NAME", order = 5,
                description = "read the source password from environment variable NAME (default: " + SOURCE_PASSWORD_VARIABLE + " when set)")
        String passwordVariable;

        Endpoint endpoint(Map<String, String> environment) throws UsageException {
            return EndpointOptions.endpoint("--source", url, passwordFile, passwordVariable, environment, SOURCE_PASSWORD_VARIABLE);
        }
    }

    /** {@code --target} and its password options. */
    static final class Target {
        @Option(names = "--target", paramLabel = "URL", required = true, order = 2,
                description = "the target database (required); with migrate --databases, the target server")
        String url;

        @Option(names = "--target-password-file", paramLabel = "FILE", order = 4,
                description = "read the target password from FILE (one line)")
        String passwordFile;

        @Option(names = "--target-password-env", paramLabel = "NAME", order = 6,
                description = "read the target password from environment variable NAME (default: " + TARGET_PASSWORD_VARIABLE + " when set)")
        String passwordVariable;

        Endpoint endpoint(Map<String, String> environment) throws UsageException {
            return EndpointOptions.endpoint("--target", url, passwordFile, passwordVariable, environment, TARGET_PASSWORD_VARIABLE);
        }
    }

    private static Endpoint endpoint(String option, String url, String file, String variable, Map<String, String> environment,
                                     String defaultVariable) throws UsageException {
        if (file != null && variable != null) {
            throw new UsageException("give either " + option + "-password-file or " + option + "-password-env, not both");
        }
        try {
            Endpoint.Builder builder = Endpoint.builder(url);
            if (file != null) {
                builder.passwordFromFile(path(option + "-password-file", file));
            } else if (variable != null) {
                String password = environment.get(variable);
                if (password == null || password.isEmpty()) {
                    throw new UsageException("environment variable " + variable + " (named by " + option + "-password-env) is not set");
                }
                builder.password(password);
            } else {
                Optional.ofNullable(environment.get(defaultVariable)).filter(p -> !p.isEmpty()).ifPresent(builder::password);
            }
            return builder.build();
        } catch (PgMigrateException e) {
            if (e.kind() == ErrorKind.INVALID_REQUEST) {
                throw new UsageException(option + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("option " + option + ": not a valid file name");
        }
    }
}
