package org.pgmigrate.testkit;

/**
 * What the equivalence assertion compares, one kind per catalog. A difference is reported as
 * {@code "<label> <name>"}, for example {@code "index shop.orders_pkey"}.
 */
public enum DatabaseObjectKind {
    DATABASE("database"),
    ROLE_SETTINGS("role settings"),
    /** A role of the server, with its attributes, password hash, comment and server-wide settings. */
    ROLE("role"),
    /** A role's membership in another. */
    ROLE_MEMBERSHIP("role membership"),
    DEFAULT_PRIVILEGES("default privileges"),
    SCHEMA("schema"),
    EXTENSION("extension"),
    TYPE("type"),
    COLLATION("collation"),
    SEQUENCE("sequence"),
    TABLE("table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FOREIGN_TABLE("foreign table"),
    COLUMN("column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    TRIGGER("trigger"),
    RULE("rule"),
    POLICY("policy"),
    STATISTICS("statistics"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    OPERATOR("operator"),
    CAST("cast"),
    TEXT_SEARCH_CONFIGURATION("text search configuration"),
    TEXT_SEARCH_DICTIONARY("text search dictionary"),
    TEXT_SEARCH_PARSER("text search parser"),
    TEXT_SEARCH_TEMPLATE("text search template"),
    EVENT_TRIGGER("event trigger"),
    LARGE_OBJECT("large object"),
    /**
     * The privileges of an object of the system or of an extension, where they differ from those
     * it started with (pg_init_privs, else the built-in default).
     */
    CHANGED_PRIVILEGES("changed privileges"),
    FOREIGN_DATA_WRAPPER("foreign data wrapper"),
    FOREIGN_SERVER("foreign server"),
    USER_MAPPING("user mapping"),
    ACCESS_METHOD("access method"),
    OPERATOR_FAMILY("operator family"),
    OPERATOR_CLASS("operator class"),
    /** A procedural language: trusted or not, its handler, inline and validator functions, owner, privileges, comment. */
    LANGUAGE("language"),
    /** A transform of a type for a language, with its functions. */
    TRANSFORM("transform"),
    CONVERSION("conversion"),
    /** A publication with its options and the tables (column lists, row filters) and schemas it publishes. */
    PUBLICATION("publication"),
    /** A subscription of the database, with its connection, publications, slot, options and enabled state. */
    SUBSCRIPTION("subscription"),
    /** Row count and content digest of a table, partition or materialized view. */
    DATA("data");

    private final String label;

    DatabaseObjectKind(String label) {
        this.label = label;
    }

    /** How differences name this kind. */
    public String label() {
        return label;
    }

    /** Looks a kind up by its label. */
    static DatabaseObjectKind ofLabel(String label) {
        for (DatabaseObjectKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown object kind " + label);
    }
}
