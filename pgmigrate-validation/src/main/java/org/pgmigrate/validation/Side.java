package org.pgmigrate.validation;

/** One of the two servers of a migration. */
public enum Side {
    SOURCE,
    TARGET;

    /** "source" or "target", as messages say it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
