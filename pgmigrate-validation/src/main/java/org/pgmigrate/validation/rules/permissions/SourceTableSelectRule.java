package org.pgmigrate.validation.rules.permissions;

/** The source role may read every table it has to copy. */
public final class SourceTableSelectRule extends SourceRelationSelectRule {
    public SourceTableSelectRule() {
        super("source-table-select", "'r', 'p'", "table", "tables", table -> table);
    }
}
