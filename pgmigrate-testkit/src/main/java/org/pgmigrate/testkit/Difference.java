package org.pgmigrate.testkit;

import java.util.List;

/** One way the target differs from the source. */
record Difference(Kind kind, String key, List<PropertyDifference> properties) {
    enum Kind { MISSING_ON_TARGET, UNEXPECTED_ON_TARGET, DIFFERENT }

    /** A property with its value on each side; null where a side does not have it. */
    record PropertyDifference(String name, String source, String target) {}
}
