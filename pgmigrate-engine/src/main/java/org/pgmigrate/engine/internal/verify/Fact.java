package org.pgmigrate.engine.internal.verify;

import java.util.Map;
import org.pgmigrate.engine.internal.schema.ObjectRef;

/**
 * One row of a system catalog about a migrated object, with its properties as the server reads
 * them and normalised by name.
 *
 * @param key what matches it with its counterpart on the other side
 * @param object the object differences are reported under, as {@code pg_identify_object} names it ("table public.t")
 * @param label what the row is, when it is not the object itself ("comment", "column"), or null
 * @param anchor the object whose exclusion by a filter leaves the row out, or null
 * @param own the row itself, when it is an object of its own (a catalog with OIDs), or null: left out, it leaves the row out
 * @param schema the schema of the row's object, or null
 * @param role the role the row belongs to (a setting's, a user mapping's), or null
 * @param secret whether the values may hold passwords, never to be shown
 * @param properties by name; a value is null where the catalog holds NULL
 */
record Fact(String key, String object, String label, ObjectRef anchor, ObjectRef own, String schema, String role, boolean secret,
            Map<String, Property> properties) {

    /** A fact about a row that is no object of its own. */
    Fact(String key, String object, String label, ObjectRef anchor, String schema, String role, boolean secret,
         Map<String, Property> properties) {
        this(key, object, label, anchor, null, schema, role, secret, properties);
    }

    /** A property's value, and what kind of names it holds, for the mapping of roles and tablespaces. */
    record Property(String value, Kind kind) {}

    /** What a property's value is made of. */
    enum Kind {
        TEXT,
        /** A role name. */
        ROLE,
        /** Role names separated by {@link FactQuery#ITEM}. */
        ROLES,
        /** ACL items, each "grantee, privilege, grantable, grantor" separated by {@link FactQuery#FIELD}. */
        ACL,
        /** A tablespace name; null for the database's default. */
        TABLESPACE
    }
}
