package org.pgmigrate.engine.internal.schema;

/**
 * One entry of an ACL: a privilege held by a role ({@code null} for PUBLIC), granted by
 * {@code grantor} ({@code null} where it was not read: the object's owner).
 */
record Grant(String grantee, String privilege, boolean grantable, String grantor) {
    Grant(String grantee, String privilege, boolean grantable) {
        this(grantee, privilege, grantable, null);
    }
}
