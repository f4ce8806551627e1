package org.pgmigrate.engine.internal.schema;

/** A sequence to set on the target after the copy: quoted name, value and whether it was used. */
public record SequenceValue(String qualifiedName, long lastValue, boolean called) {}
