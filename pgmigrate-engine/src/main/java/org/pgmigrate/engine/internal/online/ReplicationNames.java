package org.pgmigrate.engine.internal.online;

/**
 * The names of what an online migration creates: slot and publication on the source, origin on
 * the target. All derive from the migration id, so a leftover can be traced to its run; they
 * hold only lower-case letters, digits and underscores, as slot names must.
 */
record ReplicationNames(String slot, String publication, String origin) {
    /** The name of what captures the source's DDL, when it is replicated: a table, function and event trigger of that name. */
    String ddl() {
        return slot + "_ddl";
    }

    static ReplicationNames of(String migrationId) {
        String id = migrationId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return new ReplicationNames("pgmigrate_" + id, "pgmigrate_" + id, "pgmigrate_" + id);
    }
}
