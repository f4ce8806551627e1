package org.pgmigrate.spi;

import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;

/**
 * The contract between the API and its implementation, found with {@link java.util.ServiceLoader}.
 * pgmigrate-engine provides it; applications do not implement it.
 */
public interface MigrationEngine {
    MigrationResult execute(MigrationRequest request);
}
