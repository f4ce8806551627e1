package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles that exist on the target, and the reserved source roles whose part is taken by
 * another role there. Ownership and grants for roles missing on the target are skipped and
 * reported per role, never sent to fail on the target.
 */
public final class TargetRoles {
    private final Set<String> names;
    private final Map<String, String> reassigned;
    private final Map<String, Set<String>> missing = new TreeMap<>();
    private final Map<String, Set<String>> reassignedObjects = new TreeMap<>();

    public TargetRoles(Collection<String> names) {
        this(names, Map.of());
    }

    /**
     * @param reassigned source role to the target role that owns and receives what it owned and
     *     was granted (reserved roles that are not created on the target)
     */
    public TargetRoles(Collection<String> names, Map<String, String> reassigned) {
        this.names = Set.copyOf(names);
        this.reassigned = Map.copyOf(reassigned);
    }

    /**
     * The role that stands for source role {@code role} on the target: itself, the role it is
     * reassigned to, or null when it is missing there (then {@code object} is reported).
     */
    synchronized String name(String role, String object) {
        String target = reassigned.get(role);
        if (target != null) {
            reassignedObjects.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(object);
            return target;
        }
        if (names.contains(role)) {
            return role;
        }
        missing.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(object);
        return null;
    }

    /** Missing roles, each with the objects whose owner or grants were skipped. */
    public synchronized Map<String, List<String>> missing() {
        return copy(missing);
    }

    /** Reassigned source roles, each with the objects whose owner or grants went to the other role. */
    public synchronized Map<String, List<String>> reassignedObjects() {
        return copy(reassignedObjects);
    }

    /** The role that stands for source role {@code role} on the target, or null when it is missing there; records nothing. */
    public String mapped(String role) {
        String target = reassigned.get(role);
        return target != null ? target : names.contains(role) ? role : null;
    }

    /** The role {@code role} is reassigned to, or null. */
    public String reassignedTo(String role) {
        return reassigned.get(role);
    }

    private static Map<String, List<String>> copy(Map<String, Set<String>> map) {
        Map<String, List<String>> copy = new TreeMap<>();
        map.forEach((role, objects) -> copy.put(role, new ArrayList<>(objects)));
        return copy;
    }
}
