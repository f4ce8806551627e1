package org.pgmigrate.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * The options naming the source and target databases and where their passwords come from, shared
 * by every command so that they read the same way: a file ({@code --source-password-file}), a
 * named environment variable ({@code --source-password-env}), the default variable
 * ({@value #SOURCE_PASSWORD_VARIABLE}), the URL, or else pgjdbc's {@code PGPASSFILE} / {@code ~/.pgpass}.
 */
final class EndpointOptions {
    static final String SOURCE_PASSWORD_VARIABLE = "PGMIGRATE_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD_VARIABLE = "PGMIGRATE_TARGET_PASSWORD";

    /** Help text on where passwords and TLS settings go, for every command's usage. */
    static final String URL_HELP = String.join("\n",
            "URL formats:",
            "  postgresql://user[:password]@host[:port]/dbname[?sslmode=require&...]   libpq URI",
            "  jdbc:postgresql://host[:port]/dbname[?user=...&sslmode=...]             pgjdbc URL",
            "Passwords: --*-password-file, then --*-password-env, then " + SOURCE_PASSWORD_VARIABLE + " /",
            "  " + TARGET_PASSWORD_VARIABLE + ", replace one written in the URL; with none of them, the",
            "  password comes from PGPASSFILE or ~/.pgpass (or ?passfile=FILE). Prefer a file or the",
            "  environment: other users of the machine can see command lines. Passwords are never printed.",
            "TLS: URL parameters sslmode=disable|allow|prefer|require|verify-ca|verify-full,",
            "  sslrootcert=FILE (CA certificate, PEM), sslcert=FILE and sslkey=FILE (client certificate",
            "  and PKCS#8 key), sslpassword=... (the key's password); e.g.",
            "  postgresql://app@db:5432/shop?sslmode=verify-full&sslrootcert=/etc/pg/root.crt",
            "");

    private EndpointOptions() {}

    /** --source, --target and their password options, described for a command. */
    static List<Arguments.Option> of(String sourceDescription, String targetDescription) {
        return List.of(
                new Arguments.Option("--source", "URL", sourceDescription),
                new Arguments.Option("--target", "URL", targetDescription),
                new Arguments.Option("--source-password-file", "FILE", "read the source password from FILE (one line)"),
                new Arguments.Option("--target-password-file", "FILE", "read the target password from FILE (one line)"),
                new Arguments.Option("--source-password-env", "NAME",
                        "read the source password from environment variable NAME\n(default: " + SOURCE_PASSWORD_VARIABLE + " when set)"),
                new Arguments.Option("--target-password-env", "NAME",
                        "read the target password from environment variable NAME\n(default: " + TARGET_PASSWORD_VARIABLE + " when set)"));
    }

    /** --target and its password options alone, for commands that talk to the target only. */
    static List<Arguments.Option> targetOnly(String targetDescription) {
        return of("", targetDescription).stream().filter(o -> o.name.startsWith("--target")).toList();
    }

    static Endpoint source(Arguments arguments, Map<String, String> environment) throws UsageException {
        return endpoint(arguments, environment, "--source", SOURCE_PASSWORD_VARIABLE);
    }

    static Endpoint target(Arguments arguments, Map<String, String> environment) throws UsageException {
        return endpoint(arguments, environment, "--target", TARGET_PASSWORD_VARIABLE);
    }

    private static Endpoint endpoint(Arguments arguments, Map<String, String> environment, String option, String defaultVariable)
            throws UsageException {
        String url = arguments.required(option, "URL");
        Optional<String> file = arguments.value(option + "-password-file");
        Optional<String> variable = arguments.value(option + "-password-env");
        if (file.isPresent() && variable.isPresent()) {
            throw new UsageException("give either " + option + "-password-file or " + option + "-password-env, not both");
        }
        try {
            Endpoint.Builder builder = Endpoint.builder(url);
            if (file.isPresent()) {
                builder.passwordFromFile(path(option + "-password-file", file.get()));
            } else if (variable.isPresent()) {
                String password = environment.get(variable.get());
                if (password == null || password.isEmpty()) {
                    throw new UsageException("environment variable " + variable.get() + " (named by " + option + "-password-env) is not set");
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
