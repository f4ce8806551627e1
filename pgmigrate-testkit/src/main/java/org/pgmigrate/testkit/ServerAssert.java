package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Compares a whole server (the target) with another (the source): roles with their attributes,
 * password hashes, comments and settings (leaving out the predefined {@code pg_*} roles and the
 * bootstrap superuser), memberships with ADMIN option and grantor (and INHERIT/SET between 16+
 * servers), databases other than the templates with encoding, locale (and locale provider between
 * 15+ servers), owner, connection limit,
 * privileges, comment and settings, and then each database's content as {@link DatabaseAssert}
 * does. Obtain one from {@link DatabaseAssertions#assertThatServer}.
 */
public final class ServerAssert extends AbstractAssert<ServerAssert, PostgresServer> {
    private final Set<String> ignoredRoles = new HashSet<>();
    private final Set<String> ignoredDatabases = new HashSet<>();
    private boolean comparePasswords = true;

    ServerAssert(PostgresServer target) {
        super(target, ServerAssert.class);
    }

    /** Leaves these roles (unquoted names) and their memberships out. */
    public ServerAssert ignoringRoles(String... roles) {
        ignoredRoles.addAll(List.of(roles));
        return myself;
    }

    /** Leaves these databases out. */
    public ServerAssert ignoringDatabases(String... databases) {
        ignoredDatabases.addAll(List.of(databases));
        return myself;
    }

    /** Leaves password hashes out (when the source's could not be read). */
    public ServerAssert ignoringPasswords() {
        comparePasswords = false;
        return myself;
    }

    public ServerAssert isEquivalentTo(PostgresServer source) {
        isNotNull();
        List<String> failures = new ArrayList<>();
        CatalogSnapshot expected;
        CatalogSnapshot found;
        try (Connection s = source.connect("postgres"); Connection t = actual.connect("postgres")) {
            boolean options = source.major() >= 16 && actual.major() >= 16;
            expected = filter(CatalogReader.readServer(s, options, actual.major()));
            found = filter(CatalogReader.readServer(t, options, source.major()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the servers to compare: " + e.getMessage(), e);
        }
        Set<String> ignoredProperties = comparePasswords ? Set.of() : Set.of("password");
        List<Difference> differences = new SnapshotComparison(Set.of(), ignoredProperties).differences(expected, found);
        if (!differences.isEmpty()) {
            failures.add(DifferenceReport.render(actual + " (roles and databases)", source.toString(), differences, DifferenceReport.DEFAULT_LIMIT));
        }
        for (CatalogEntry database : expected.entries().values()) {
            if (database.kind() != DatabaseObjectKind.DATABASE || !found.entries().containsKey(database.key())) {
                continue;
            }
            String name = unquote(database.name());
            try (Connection s = source.connect(name); Connection t = actual.connect(name)) {
                DatabaseAssertions.assertThatDatabase(t).isEquivalentTo(s);
            } catch (AssertionError e) {
                failures.add("In database " + database.name() + ":\n" + e.getMessage());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not connect to database " + name + ": " + e.getMessage(), e);
            }
        }
        if (!failures.isEmpty()) {
            failWithMessage("%s", String.join("\n", failures));
        }
        return myself;
    }

    private CatalogSnapshot filter(CatalogSnapshot snapshot) {
        Map<String, CatalogEntry> kept = new LinkedHashMap<>();
        snapshot.entries().forEach((key, entry) -> {
            boolean ignored = switch (entry.kind()) {
                case ROLE -> ignoredRoles.contains(unquote(entry.name()));
                case ROLE_MEMBERSHIP -> List.of(entry.name().split(" to ")).stream().map(ServerAssert::unquote).anyMatch(ignoredRoles::contains);
                case DATABASE -> ignoredDatabases.contains(unquote(entry.name()));
                default -> false;
            };
            if (!ignored) {
                kept.put(key, entry);
            }
        });
        return new CatalogSnapshot(snapshot.major(), kept);
    }

    /** The name quote_ident gave, back as written. */
    private static String unquote(String quoted) {
        return quoted.startsWith("\"") ? quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"") : quoted;
    }
}
