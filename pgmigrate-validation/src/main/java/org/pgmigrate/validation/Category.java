package org.pgmigrate.validation;

/** The groups rules fall into, in the order a report lists them. */
public enum Category {
    /** Servers answer, accept the credentials, and have the databases. */
    CONNECTIVITY,
    /** The connecting roles may read the source and create on the target. */
    PERMISSIONS,
    /** Server versions, and objects a newer major no longer accepts. */
    VERSIONS,
    /** Extensions the target must provide. */
    EXTENSIONS,
    /** Encoding, collations and locale. */
    ENCODING,
    /** What is on the target already, and what runs there. */
    TARGET_STATE,
    /** Prerequisites of online migration (logical replication). */
    ONLINE,
    /** Roles, ownership and passwords. */
    ROLES,
    /** Connections and lock table capacity. */
    CAPACITY,
    /** Anything else, including rules of your own that fit nowhere above. */
    OTHER
}
