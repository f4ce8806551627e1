package org.pgmigrate.examples.cli;

import java.util.List;
import java.util.Map;
import org.pgmigrate.Endpoint;

/** The options naming the source and target databases and where their passwords come from. */
final class EndpointOptions {
    private EndpointOptions() {}

    /** --source, --target and their password variables, described for a command. */
    static List<Arguments.Option> of(String sourceDescription, String targetDescription) {
        return List.of(
                new Arguments.Option("--source", "URL", sourceDescription),
                new Arguments.Option("--target", "URL", targetDescription),
                new Arguments.Option("--source-password-env", "NAME",
                        "read the source password from environment variable NAME\n(default: " + MigrateCommand.SOURCE_PASSWORD_VARIABLE + " when set)"),
                new Arguments.Option("--target-password-env", "NAME",
                        "read the target password from environment variable NAME\n(default: " + MigrateCommand.TARGET_PASSWORD_VARIABLE + " when set)"));
    }

    static Endpoint source(Arguments arguments, Map<String, String> environment) throws UsageException {
        return MigrateCommand.endpoint("--source", arguments.required("--source", "URL"),
                MigrateCommand.password(arguments, environment, "--source-password-env", MigrateCommand.SOURCE_PASSWORD_VARIABLE));
    }

    static Endpoint target(Arguments arguments, Map<String, String> environment) throws UsageException {
        return MigrateCommand.endpoint("--target", arguments.required("--target", "URL"),
                MigrateCommand.password(arguments, environment, "--target-password-env", MigrateCommand.TARGET_PASSWORD_VARIABLE));
    }
}
