package org.pgmigrate.benchmarks.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines the external tools run with. They connect as the superuser over loopback
 * without a password ({@code -w}: never prompt), and stop at the first error.
 */
final class Commands {
    private Commands() {}

    /** Directory-format dump, {@code jobs} in parallel, uncompressed: the fastest way pg_dump writes a local dump. */
    static List<String> dumpDirectory(ClientTools tools, String sourceUri, Path dir, int jobs) {
        return List.of(tools.pgDump().toString(), "-w", "--format=directory", "--compress=0",
                "--jobs=" + jobs, "--file=" + dir, "--dbname=" + sourceUri);
    }

    /** Restore of a directory-format dump, {@code jobs} in parallel. */
    static List<String> restoreDirectory(ClientTools tools, String targetUri, Path dir, int jobs) {
        return List.of(tools.pgRestore().toString(), "-w", "--exit-on-error", "--jobs=" + jobs,
                "--dbname=" + targetUri, dir.toString());
    }

    /** Plain SQL dump to standard output. */
    static List<String> dumpPlain(ClientTools tools, String sourceUri) {
        return List.of(tools.pgDump().toString(), "-w", "--dbname=" + sourceUri);
    }

    /** psql running the script on standard input. */
    static List<String> psqlScript(ClientTools tools, String targetUri) {
        return List.of(tools.psql().toString(), "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "--dbname=" + targetUri);
    }

    /** pgcopydb's whole-database clone, with its defaults but for the job counts. */
    static List<String> pgcopydbClone(Path pgcopydb, String sourceUri, String targetUri, Path dir, int jobs) {
        return List.of(pgcopydb.toString(), "clone", "--source", sourceUri, "--target", targetUri,
                "--dir", dir.toString(), "--table-jobs", String.valueOf(jobs), "--index-jobs", String.valueOf(jobs));
    }
}
