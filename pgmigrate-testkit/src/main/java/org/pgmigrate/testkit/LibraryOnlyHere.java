package org.pgmigrate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * A C library that one database's server has and no other: a copy of one of the server's own
 * libraries at a path of its own, there only while {@link #use} runs. Functions created over it
 * then stay in that database's catalog while no server can load them again, as when the source
 * of a migration has a library its target lacks (the servers of a test share one machine).
 */
public final class LibraryOnlyHere {
    private LibraryOnlyHere() {}

    /**
     * Copies {@code library} (e.g. {@code "moddatetime"}) of {@code database}'s server to a path
     * of its own, runs {@code use} with that path as an SQL string literal (to write
     * {@code CREATE FUNCTION ... LANGUAGE c AS <path>, 'symbol'} in {@code database}), then deletes it.
     */
    public static void use(TestDatabase database, String library, Consumer<String> use) {
        String libdir = database.queryValue("SELECT setting FROM pg_catalog.pg_config WHERE name = 'PKGLIBDIR'");
        try {
            Path dir = Files.createTempDirectory("pgmigrate-library-only-here");
            Path copy = dir.resolve(library + "_only_here.so");
            try {
                // the server may run as another user: it must reach and read the copy
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.copy(Path.of(libdir, library + ".so"), copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                use.accept(database.queryValue("SELECT pg_catalog.quote_literal('" + copy.toString().replace("'", "''") + "')"));
            } finally {
                Files.deleteIfExists(copy);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Copying the library " + library + " failed", e);
        }
    }
}
