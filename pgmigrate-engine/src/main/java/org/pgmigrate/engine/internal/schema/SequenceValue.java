package org.pgmigrate.engine.internal.schema;

/**
 * A sequence to set on the target after the copy.
 *
 * @param qualifiedName quoted {@code schema.name}, for SQL
 * @param displayName the name as SQL shows it, for reports
 * @param lastValue the value
 * @param called whether the value was already handed out
 */
public record SequenceValue(String qualifiedName, String displayName, long lastValue, boolean called) {}
