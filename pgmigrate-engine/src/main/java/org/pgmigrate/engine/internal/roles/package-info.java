/**
 * The source server's roles: which are reserved, which a migration needs, and how they are
 * created on the target with their attributes, password hashes, settings and memberships.
 * Internal; may change without notice.
 */
package org.pgmigrate.engine.internal.roles;
