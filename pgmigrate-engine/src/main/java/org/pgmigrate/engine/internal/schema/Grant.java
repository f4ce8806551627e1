package org.pgmigrate.engine.internal.schema;

/** One entry of an ACL: a privilege held by a role ({@code null} for PUBLIC). */
record Grant(String grantee, String privilege, boolean grantable) {}
