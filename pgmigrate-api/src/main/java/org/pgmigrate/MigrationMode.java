package org.pgmigrate;

/** How applications relate to the source while it is migrated. */
public enum MigrationMode {
    /** Applications are stopped; one consistent copy is made. */
    OFFLINE,
    /** Applications keep writing; a consistent copy, then change data capture until cutover. */
    ONLINE
}
