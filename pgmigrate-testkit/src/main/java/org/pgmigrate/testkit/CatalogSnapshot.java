package org.pgmigrate.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every object and table digest of one database, by key ({@link CatalogEntry#key()}). */
record CatalogSnapshot(int major, Map<String, CatalogEntry> entries) {
    CatalogSnapshot {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
