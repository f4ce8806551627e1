package org.pgmigrate.engine.internal.jdbc;

/** Which server a connection or error belongs to, in the words messages use. */
public enum Side {
    SOURCE("source"),
    TARGET("target");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
