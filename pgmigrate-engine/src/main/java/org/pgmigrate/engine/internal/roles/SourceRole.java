package org.pgmigrate.engine.internal.roles;

import java.util.List;

/**
 * A role of the source server with what CREATE ROLE carries. Literals are quoted by the source
 * server; the password hash is a secret and must never be logged.
 *
 * @param validUntilSql the VALID UNTIL timestamp as a literal, or null
 * @param passwordSql the md5 or SCRAM verifier as a literal, or null when unreadable or unset
 * @param commentSql the comment as a literal, or null
 * @param settings {@code SET name TO value} clauses of its server-wide settings
 */
public record SourceRole(long oid, String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb,
                         boolean login, boolean replication, boolean bypassRls, int connectionLimit, String validUntilSql,
                         String passwordSql, String commentSql, List<String> settings) {
    public SourceRole {
        settings = List.copyOf(settings);
    }

    @Override
    public String toString() {
        return name; // never the password hash
    }
}
