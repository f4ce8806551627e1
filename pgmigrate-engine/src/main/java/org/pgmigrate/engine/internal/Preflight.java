package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.schema.ObjectRef;
import org.pgmigrate.engine.internal.schema.SourceSchema.RequiredExtension;
import org.pgmigrate.engine.internal.schema.UncreatableSelection;
import org.pgmigrate.validation.internal.UncreatableObjects;

/** The checks that must pass before anything on the target is changed. */
final class Preflight {
    static final int MINIMUM_SOURCE_VERSION = 110000;

    private static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final String NOT_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = %s AND d.deptype IN ('e', 'i'))";

    /** User objects of a database: what makes a target "not empty". */
    private static final String USER_OBJECTS = "SELECT what FROM ("
            + " SELECT 'schema ' || pg_catalog.quote_ident(n.nspname) AS what FROM pg_catalog.pg_namespace n"
            + "  WHERE " + USER_NAMESPACE + " AND n.nspname <> 'public' AND " + String.format(NOT_EXTENSION, "n.oid")
            + " UNION ALL SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '"
            + "   WHEN 'f' THEN 'foreign table ' ELSE 'table ' END || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
            + "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_NAMESPACE + " AND " + String.format(NOT_EXTENSION, "c.oid")
            + " UNION ALL SELECT 'function ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)"
            + "  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "  WHERE " + USER_NAMESPACE + " AND " + String.format(NOT_EXTENSION, "p.oid")
            + " UNION ALL SELECT 'type ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname)"
            + "  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "  WHERE t.typtype IN ('e', 'd', 'r', 'b') AND " + USER_NAMESPACE + " AND " + String.format(NOT_EXTENSION, "t.oid")
            + " UNION ALL SELECT 'large object ' || o.oid FROM pg_catalog.pg_largeobject_metadata o"
            + ") objects ORDER BY 1 LIMIT 11";

    private Preflight() {}

    static void checkVersions(int source, int target) {
        if (source < MINIMUM_SOURCE_VERSION) {
            throw new PgMigrateException(ErrorKind.UNSUPPORTED_VERSION, "The source runs PostgreSQL " + major(source)
                    + "; pgmigrate migrates from PostgreSQL 11 or newer. Upgrade the source first (e.g. with pg_upgrade).");
        }
        if (target / 10000 < source / 10000) {
            throw new PgMigrateException(ErrorKind.UNSUPPORTED_VERSION, "The target runs PostgreSQL " + major(target)
                    + ", older than the source's PostgreSQL " + major(source)
                    + "; a migration can only go to the same or a newer major version. Use a target of PostgreSQL "
                    + major(source) + " or newer.");
        }
    }

    private static String major(int version) {
        return String.valueOf(version / 10000);
    }

    /**
     * Refuses a target database that holds anything, unless {@code resume} and it holds an earlier
     * run's journal; says how to resume when a new run finds such a journal.
     */
    static void checkTargetReady(Connection target, String database, boolean resume) throws SQLException {
        if (Journal.exists(target)) {
            if (!resume) {
                throw new PgMigrateException(ErrorKind.TARGET_NOT_EMPTY, "The target database \"" + database + "\" holds what "
                        + Journal.describe(target) + " copied before it failed or was stopped. Continue it with resume()"
                        + " (pgmigrate migrate ... --resume), or drop and recreate the database to start over.");
            }
            return;
        }
        if (resume) {
            try {
                checkTargetEmpty(target, database);
            } catch (PgMigrateException e) {
                throw new PgMigrateException(ErrorKind.TARGET_NOT_EMPTY, "There is nothing to resume in the target database \""
                        + database + "\": it holds no pgmigrate journal (a migration that completed removed it). " + e.getMessage(), e);
            }
            return;
        }
        checkTargetEmpty(target, database);
    }

    static void checkTargetEmpty(Connection target, String database) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement(USER_OBJECTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        if (!found.isEmpty()) {
            String list = String.join(", ", found.subList(0, Math.min(10, found.size()))) + (found.size() > 10 ? ", ..." : "");
            throw new PgMigrateException(ErrorKind.TARGET_NOT_EMPTY, "The target database \"" + database
                    + "\" is not empty; it holds " + list + ". pgmigrate copies into an empty database: drop these objects,"
                    + " or create a new database (CREATE DATABASE ...) and point the target URL at it.");
        }
    }

    /** Extension name to the versions the target can install. */
    static Map<String, Set<String>> availableExtensions(Connection target) throws SQLException {
        Map<String, Set<String>> versions = new HashMap<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT name, version FROM pg_catalog.pg_available_extension_versions");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return versions;
    }

    /** The extensions installed in the database {@code source} is connected to. */
    static List<RequiredExtension> installedExtensions(Connection source) throws SQLException {
        List<RequiredExtension> installed = new ArrayList<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT e.extname, e.extversion, n.nspname FROM pg_catalog.pg_extension e"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                installed.add(new RequiredExtension(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return installed;
    }

    static void checkExtensions(List<RequiredExtension> required, Map<String, Set<String>> available) {
        List<String> missing = required.stream().filter(e -> !available.containsKey(e.name()))
                .map(e -> e.name() + " " + e.version()).toList();
        if (!missing.isEmpty()) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The target server cannot install extension(s) used by the source: "
                    + String.join(", ", missing) + ". Install their packages on the target server (or allow-list them"
                    + " with your provider) and run again; nothing was changed on the target.");
        }
    }

    /**
     * The source's objects the target cannot create, each with why (see {@link UncreatableObjects}):
     * catalog queries and one probe per distinct C library and symbol, in a transaction of
     * {@code target} that is rolled back.
     *
     * @param target a session in autocommit mode
     */
    static Map<ObjectRef, String> uncreatable(Connection source, Connection target) throws SQLException {
        Map<ObjectRef, String> found = new LinkedHashMap<>();
        for (UncreatableObjects.Uncreatable u : UncreatableObjects.find(source, target)) {
            found.putIfAbsent(ObjectRef.of((int) u.catalog(), u.oid()), u.why());
        }
        return found;
    }

    /** The refusal of a migration whose objects {@code found} the target cannot create: each, why, what depends on it, what to do. */
    static PgMigrateException refuseUncreatable(UncreatableSelection found, int targetVersion) {
        List<String> lines = found.lines();
        return new PgMigrateException(ErrorKind.UNCREATABLE_OBJECTS, (lines.size() == 1 ? "An object" : lines.size() + " objects")
                + " of the source cannot be created on the target (PostgreSQL " + major(targetVersion) + "), nor what depends on "
                + (lines.size() == 1 ? "it" : "them") + ":\n  " + String.join("\n  ", lines)
                + "\nGive the target what it lacks (the same C libraries, built for PostgreSQL " + major(targetVersion)
                + ", in its library directory, pg_config --pkglibdir; a superuser to migrate as), or drop or replace these objects"
                + " on the source, or leave them and what depends on them out: leaveOutUncreatableObjects(true)"
                + " (pgmigrate migrate ... --leave-out-uncreatable). Nothing was changed on the target.");
    }
}
