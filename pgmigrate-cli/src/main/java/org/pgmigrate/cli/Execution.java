package org.pgmigrate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.cli.console.Summary;
import org.pgmigrate.report.HtmlReport;

/**
 * How a command ends: runs a migration on its behalf and turns the outcome, or a failure of the
 * library, into output, a report file and an exit code.
 */
final class Execution {
    private final PrintStream out;
    private final PrintStream err;
    private final Optional<Path> report;
    private final boolean verbose;

    Execution(PrintStream out, PrintStream err, Optional<Path> report, boolean verbose) {
        this.out = out;
        this.err = err;
        this.report = report;
        this.verbose = verbose;
    }

    int run(Supplier<MigrationResult> migration) throws UsageException {
        MigrationResult result;
        try {
            result = migration.get();
        } catch (PgMigrateException e) {
            writeReport(() -> ResultJson.failure(e), () -> HtmlReport.of(e));
            int code = failed(e, "");
            return e.kind() == ErrorKind.VERIFICATION_FAILED ? ExitCode.VERIFICATION_FAILED
                    : e.kind() == ErrorKind.VALIDATION_FAILED ? ExitCode.VALIDATION_FAILED : code;
        } catch (RuntimeException e) {
            // Not a failure pgmigrate diagnosed (a bug): say what it was, since there is no curated message to show.
            writeReport(() -> ResultJson.failure(Optional.empty(), "INTERNAL", String.valueOf(e)),
                    () -> HtmlReport.failure(Optional.empty(), "INTERNAL", String.valueOf(e)));
            return fail("unexpected error: " + e + (verbose ? "" : " (run with --verbose for details)"), e);
        }
        out.print(Summary.format(result));
        boolean written = writeReport(() -> ResultJson.of(result), () -> HtmlReport.of(result));
        if (!result.completed()) {
            err.println("pgmigrate: the migration returned without completing every phase");
            return ExitCode.FAILED;
        }
        return written ? ExitCode.OK : ExitCode.FAILED;
    }

    /**
     * A failure of the library while a command ran: bad usage when it refused the request, else
     * said on standard error after {@code prefix} (with its stack trace when verbose) and exit code 1.
     */
    int failed(PgMigrateException e, String prefix) throws UsageException {
        if (e.kind() == ErrorKind.INVALID_REQUEST) {
            throw new UsageException(e.getMessage());
        }
        return fail(prefix + e.getMessage(), e);
    }

    private int fail(String message, RuntimeException e) {
        err.println("pgmigrate: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILED;
    }

    /**
     * Writes the report if one was asked for: as a self-contained HTML page when the file's name
     * ends in {@code .html} or {@code .htm}, else as JSON. Says so on err and returns false when it cannot.
     */
    boolean writeReport(Supplier<String> json, Supplier<String> html) {
        if (report.isEmpty()) {
            return true;
        }
        try {
            Files.writeString(report.get(), isHtml(report.get()) ? html.get() : json.get(), StandardCharsets.UTF_8);
            out.println("Report written to " + report.get());
            return true;
        } catch (IOException e) {
            err.println("pgmigrate: could not write the report to " + report.get() + ": " + e);
            return false;
        }
    }

    /** Whether {@code --report} names an HTML page rather than a JSON file. */
    static boolean isHtml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm");
    }
}
