package org.pgmigrate.validation.rules.permissions;

/** The source role may read every sequence's current value. */
public final class SourceSequenceSelectRule extends SourceRelationSelectRule {
    public SourceSequenceSelectRule() {
        super("source-sequence-select", "'S'", "sequence", "sequences", sequence -> "SEQUENCE " + sequence);
    }
}
