package org.pgmigrate.engine.internal.roles;

/**
 * {@code member} is a member of {@code group}, granted by {@code grantor} (null when unknown).
 * {@code inherit} and {@code set} are null before PostgreSQL 16, where they did not exist.
 */
public record Membership(String group, String member, String grantor, boolean admin, Boolean inherit, Boolean set) {
    @Override
    public String toString() {
        return group + " -> " + member;
    }
}
