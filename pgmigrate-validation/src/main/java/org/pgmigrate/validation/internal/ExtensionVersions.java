package org.pgmigrate.validation.internal;

import java.util.Comparator;

/**
 * Orders extension version strings ("1.10" after "1.9", "3.4.2" after "3.4"): numeric parts as
 * numbers, other parts as text. Extensions may name versions freely; this is the usual reading.
 */
public final class ExtensionVersions implements Comparator<String> {
    public static final ExtensionVersions ORDER = new ExtensionVersions();

    private ExtensionVersions() {}

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("[^A-Za-z0-9]+");
        String[] y = b.split("[^A-Za-z0-9]+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d{1,18}") && y[i].matches("\\d{1,18}")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
