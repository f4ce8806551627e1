package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractAssert;

/**
 * Compares a database (the target) with another (the source) through the testkit's own catalog
 * queries: every user object with its definition, owner, privileges and comment, and the row
 * count and content digest of every table. Strict by default; the {@code ignoring...} methods and
 * {@link #schemaOnly()}/{@link #dataOnly()} relax it. Obtain one from
 * {@link DatabaseAssertions#assertThatDatabase}.
 *
 * <p>Objects are matched by name, never by OID: see {@link DatabaseObjectKind} for what is
 * compared. Left out: objects of {@code pg_catalog}, {@code information_schema}, the tool's
 * {@code pgmigrate} schema and the members of extensions (the extensions themselves, with version
 * and schema, are compared); cluster-wide objects (roles and their attributes, tablespaces: see
 * {@link ServerAssert}); publications and subscriptions; the database's name, encoding and
 * locale; collation versions. The {@code public} schema is compared like any other, so an
 * empty database of 15+ differs from one of 11-14 in its owner and privileges.
 *
 * <p>Between different majors a few server renderings are normalised (see
 * {@code CrossVersionNormalization}); floats are digested in binary, but floats inside composite
 * or geometric values are compared in text form, which changed in 12.
 */
public final class DatabaseAssert extends AbstractAssert<DatabaseAssert, Object> {
    private final DatabaseHandle target;
    private final Set<DatabaseObjectKind> ignoredKinds = EnumSet.noneOf(DatabaseObjectKind.class);
    private final Set<String> ignoredProperties = new HashSet<>();
    private boolean compareSchema = true;
    private boolean compareData = true;
    private int limit = DifferenceReport.DEFAULT_LIMIT;

    DatabaseAssert(Object actual, DatabaseHandle target) {
        super(actual, DatabaseAssert.class);
        this.target = target;
    }

    /** Passes when {@code source} has the same objects and data as the database under test. */
    public DatabaseAssert isEquivalentTo(TestDatabase source) {
        return isEquivalentTo(DatabaseHandle.of(source));
    }

    /** Passes when the database {@code source} is connected to has the same objects and data. */
    public DatabaseAssert isEquivalentTo(Connection source) {
        return isEquivalentTo(DatabaseHandle.of(source));
    }

    /** Passes when the database of {@code source} has the same objects and data. */
    public DatabaseAssert isEquivalentTo(DataSource source) {
        return isEquivalentTo(DatabaseHandle.of(source));
    }

    /** Passes when the database at {@code jdbcUrl} has the same objects and data. */
    public DatabaseAssert isEquivalentTo(String jdbcUrl, String user, String password) {
        return isEquivalentTo(DatabaseHandle.of(jdbcUrl, user, password));
    }

    /** Leaves owners and privileges (ACLs, default privileges) out of the comparison. */
    public DatabaseAssert ignoringOwnersAndAcls() {
        ignoredProperties.addAll(List.of("owner", "acl"));
        ignoredKinds.add(DatabaseObjectKind.DEFAULT_PRIVILEGES);
        return myself;
    }

    /** Leaves comments out of the comparison. */
    public DatabaseAssert ignoringComments() {
        ignoredProperties.add("comment");
        return myself;
    }

    /** Leaves the current values of sequences out, keeping their definitions. */
    public DatabaseAssert ignoringSequenceValues() {
        ignoredProperties.addAll(List.of("last_value", "is_called"));
        return myself;
    }

    /** Leaves whole kinds of objects out of the comparison. */
    public DatabaseAssert ignoring(DatabaseObjectKind... kinds) {
        ignoredKinds.addAll(Arrays.asList(kinds));
        return myself;
    }

    /** Compares objects only, not table contents. */
    public DatabaseAssert schemaOnly() {
        compareSchema = true;
        compareData = false;
        return myself;
    }

    /** Compares table contents only (row counts and digests), not objects. */
    public DatabaseAssert dataOnly() {
        compareSchema = false;
        compareData = true;
        return myself;
    }

    /** How many differences the failure message lists (default 50); the total is always given. */
    public DatabaseAssert listingAtMost(int differences) {
        if (differences < 1) {
            throw new IllegalArgumentException("differences must be positive");
        }
        limit = differences;
        return myself;
    }

    private DatabaseAssert isEquivalentTo(DatabaseHandle source) {
        isNotNull();
        List<Difference> differences;
        try {
            int sourceMajor = source.major();
            int targetMajor = target.major();
            boolean withoutMaintain = Math.min(sourceMajor, targetMajor) < 17 && Math.max(sourceMajor, targetMajor) >= 17;
            CatalogReader reader = new CatalogReader(compareSchema, compareData, withoutMaintain);
            CatalogSnapshot expected = CrossVersionNormalization.normalize(source.read(reader), targetMajor);
            CatalogSnapshot actual = CrossVersionNormalization.normalize(target.read(reader), sourceMajor);
            differences = new SnapshotComparison(ignoredKinds, ignoredProperties).differences(expected, actual);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the databases to compare: " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            failWithMessage("%s", DifferenceReport.render(target.toString(), source.toString(), differences, limit));
        }
        return myself;
    }
}
