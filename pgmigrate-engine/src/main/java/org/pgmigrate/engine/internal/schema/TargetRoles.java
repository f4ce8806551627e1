package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles that exist on the target. Ownership and grants for roles missing there are
 * skipped and reported per role, never sent to fail on the target.
 */
public final class TargetRoles {
    private final Set<String> names;
    private final Map<String, Set<String>> missing = new TreeMap<>();

    public TargetRoles(Collection<String> names) {
        this.names = Set.copyOf(names);
    }

    synchronized boolean exists(String role, String object) {
        if (names.contains(role)) {
            return true;
        }
        missing.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(object);
        return false;
    }

    /** Missing roles, each with the objects whose owner or grants were skipped. */
    public synchronized Map<String, List<String>> missing() {
        Map<String, List<String>> copy = new TreeMap<>();
        missing.forEach((role, objects) -> copy.put(role, new ArrayList<>(objects)));
        return copy;
    }
}
