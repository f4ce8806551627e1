package org.pgmigrate.validation;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;

/**
 * One pre-migration check. Implementations are stateless and found with
 * {@link java.util.ServiceLoader}; they need a public no-argument constructor.
 *
 * <p>A check runs read-only queries, one per kind of object rather than one per object, so that a
 * database with thousands of tables validates in seconds. It returns at least one finding when it
 * could judge: {@link Finding#succeeded} when nothing is in the way, else warnings or failures that
 * name the objects (schema-qualified, quoted as in SQL, see {@link org.pgmigrate.SqlNames}) and
 * say what to run or change. It returns no finding only when it cannot judge.
 */
public interface Rule {
    /** Stable kebab-case id, e.g. {@code tables-with-oids}; users disable the rule by it. */
    String id();

    Category category();

    /** The modes the rule applies to; both by default. */
    default Set<MigrationMode> modes() {
        return EnumSet.allOf(MigrationMode.class);
    }

    /** The servers the rule queries; it runs only when each of them was reached. Both by default. */
    default Set<Side> reads() {
        return EnumSet.allOf(Side.class);
    }

    /**
     * Whether the rule applies to a migration between these versions ({@code server_version_num},
     * e.g. 110022 and 170006; 0 for a server that was not reached). Always, by default.
     */
    default boolean appliesTo(int sourceVersion, int targetVersion) {
        return true;
    }

    /**
     * Runs the check. The connections are in a read-only transaction; an exception here stops the
     * validation with an error naming the rule, since a check that did not run must not look passed.
     */
    List<Finding> check(RuleContext context) throws SQLException;
}
