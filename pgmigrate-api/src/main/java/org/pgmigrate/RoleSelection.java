package org.pgmigrate;

/** Which of the source server's roles a migration creates on the target. */
public enum RoleSelection {
    /** Every role that is not reserved (see {@link Migration.Builder#reservedRoles(String...)}). */
    ALL,
    /**
     * The roles the migrated databases refer to (owners, grantees, role settings, default
     * privileges), the roles that are members of those, and the roles those are members of.
     */
    NEEDED,
    /** None: ownership and grants naming a role missing on the target are skipped and reported. */
    NONE
}
