package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which the grantors of an ACL grant on the target: the owner (null) first, then
 * each other role once a grantor before it has given it the grant option it grants with.
 */
final class GrantorOrder {
    /** Grantor (null: the owner) to the roles it gave a privilege with grant option. */
    private final Map<String, Set<String>> options = new HashMap<>();

    void granted(String grantor, String grantee, boolean grantable) {
        if (grantable && grantee != null) {
            options.computeIfAbsent(grantor, k -> new HashSet<>()).add(grantee);
        }
    }

    /** {@code grantors} in an order that gives each its grant option before it grants; a cycle keeps the given order. */
    List<String> of(Set<String> grantors) {
        List<String> order = new ArrayList<>();
        Set<String> remaining = new LinkedHashSet<>(grantors);
        if (remaining.remove(null)) {
            order.add(null);
        }
        while (!remaining.isEmpty()) {
            String next = remaining.stream().filter(r -> order.stream().anyMatch(g -> options.getOrDefault(g, Set.of()).contains(r)))
                    .findFirst().orElse(remaining.iterator().next());
            remaining.remove(next);
            order.add(next);
        }
        return order;
    }
}
