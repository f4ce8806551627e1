package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/**
 * What one validation rule found: its verdict, a message naming the exact objects, and what to
 * run or change about it.
 */
@Value.Immutable
public abstract class Finding {
    public static Builder builder() {
        return new Builder();
    }

    /** A rule found nothing in the way; {@code message} says what it checked. */
    public static Finding succeeded(String rule, String message) {
        return builder().rule(rule).severity(Severity.SUCCEEDED).message(message).build();
    }

    public static Finding warning(String rule, String message, String remediation, List<String> objects) {
        return builder().rule(rule).severity(Severity.WARNING).message(message).remediation(remediation).objects(objects).build();
    }

    public static Finding failed(String rule, String message, String remediation, List<String> objects) {
        return builder().rule(rule).severity(Severity.FAILED).message(message).remediation(remediation).objects(objects).build();
    }

    /** The stable kebab-case id of the rule, e.g. {@code tables-with-oids}. */
    public abstract String rule();

    public abstract Severity severity();

    /** What was found, naming the objects schema-qualified and quoted as in SQL. */
    public abstract String message();

    /** What to run or change; empty when the rule succeeded. */
    @Value.Default
    public String remediation() {
        return "";
    }

    /** Every object concerned, schema-qualified and quoted as in SQL (the message may shorten the list). */
    public abstract List<String> objects();

    @Override
    public String toString() {
        return severity() + " " + rule() + ": " + message();
    }

    @Value.Check
    void check() {
        if (rule().isBlank() || message().isBlank()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "A finding needs a rule id and a message.");
        }
    }

    public static class Builder extends ImmutableFinding.Builder {}
}
