package org.pgmigrate.engine.internal.schema;

import java.util.List;

/**
 * One object to create on the target and the statements that create it, including its
 * comment, owner and privileges.
 *
 * @param ref the catalog identity, for dependency ordering
 * @param kind a lower-case kind for reports ("table", "index", "function", ...)
 * @param name the qualified, quoted name, for messages
 * @param placement when it runs relative to the data copy
 * @param tableOid the table (or view) a post-data object belongs to, 0 otherwise
 * @param statements the SQL, in order
 */
public record SchemaObject(ObjectRef ref, String kind, String name, Placement placement, long tableOid, List<String> statements) {
    public SchemaObject {
        statements = List.copyOf(statements);
    }

    /** The kind of user mappings, whose options may hold passwords: never logged or shown. */
    public static final String USER_MAPPING = "user mapping";

    /** The kind of subscriptions, whose connection string may hold a password: never logged or shown. */
    public static final String SUBSCRIPTION = "subscription";

    /** Whether the statements may hold secrets (a user mapping's or a subscription's password). */
    public boolean carriesSecrets() {
        return kind.equals(USER_MAPPING) || kind.equals(SUBSCRIPTION);
    }

    /** The same object with some of its statements, to run them in steps. */
    public SchemaObject withStatements(List<String> subset) {
        return new SchemaObject(ref, kind, name, placement, tableOid, subset);
    }

    public static SchemaObject preData(ObjectRef ref, String kind, String name, List<String> statements) {
        return new SchemaObject(ref, kind, name, Placement.PRE_DATA, 0, statements);
    }
}
