package org.pgmigrate.engine.internal.schema;

import java.util.List;

/**
 * The privileges of an object the migration does not create, changed since initdb or since its
 * extension created it (what pg_init_privs records as initial), as statements that make the
 * target's object, made with the same initial privileges, end with the source's.
 *
 * @param extension the extension the object belongs to, or null for an object of the system
 * @param object the object for messages, e.g. {@code function pg_catalog.pg_ls_dir(text)}
 * @param existsSql a query whose single boolean says whether the object exists on the target
 *     (another major or extension version may not have it)
 * @param statements the GRANT and REVOKE statements, in order
 */
public record ChangedPrivileges(ObjectRef extension, String object, String existsSql, List<String> statements) {
    public ChangedPrivileges {
        statements = List.copyOf(statements);
    }
}
