package org.pgmigrate.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object as the comparison sees it: its kind, an OID-free name and its properties as text.
 * Properties that are NULL in the catalog are left out, so a property present on one side only
 * shows as a difference.
 */
record CatalogEntry(DatabaseObjectKind kind, String name, Map<String, String> properties) {
    CatalogEntry {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    String key() {
        return kind.label() + " " + name;
    }
}
