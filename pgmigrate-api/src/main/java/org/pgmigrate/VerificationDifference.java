package org.pgmigrate;

import org.immutables.value.Value;

/** One way in which the target differs from the source. */
@Value.Immutable
public abstract class VerificationDifference {
    /** What was compared. */
    public enum Kind {
        /** Row count or content of a table (or of a part of it). */
        TABLE_DATA,
        /** A sequence's value. */
        SEQUENCE,
        /** An object's definition, owner, privileges or comment; or an object missing on one side. */
        SCHEMA,
        /** A large object's content, owner or privileges. */
        LARGE_OBJECT
    }

    public static VerificationDifference of(Kind kind, String object, String detail) {
        return new Builder().kind(kind).object(object).detail(detail).build();
    }

    public abstract Kind kind();

    /** The object, named as in SQL. */
    public abstract String object();

    /** What differs, with both sides' values where they are short. */
    public abstract String detail();

    @Override
    public String toString() {
        return kind() + " " + object() + ": " + detail();
    }

    public static class Builder extends ImmutableVerificationDifference.Builder {}
}
