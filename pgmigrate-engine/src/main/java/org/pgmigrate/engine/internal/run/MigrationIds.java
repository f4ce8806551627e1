package org.pgmigrate.engine.internal.run;

import java.util.UUID;

/** Ids that tell one run from another in logs, thread names, replication objects and the target's journal. */
public final class MigrationIds {
    private MigrationIds() {}

    /** A new id: eight hex digits of a random UUID. */
    public static String next() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
