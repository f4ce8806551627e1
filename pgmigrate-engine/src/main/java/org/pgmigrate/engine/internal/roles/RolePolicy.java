package org.pgmigrate.engine.internal.roles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which source roles are never created on the target: the predefined {@code pg_*} roles, the
 * source's bootstrap superuser and the configured provider roles. What the provider roles own
 * (and the bootstrap superuser, when the target has no role of that name) goes to another role.
 */
public final class RolePolicy {
    private static final long BOOTSTRAP_SUPERUSER = 10;

    private final Set<String> providerRoles;
    private final String bootstrap;

    RolePolicy(Set<String> providerRoles, String bootstrap) {
        this.providerRoles = Set.copyOf(providerRoles);
        this.bootstrap = bootstrap;
    }

    /** The policy for the source {@code source} is connected to. */
    public static RolePolicy read(Connection source, Set<String> providerRoles) throws SQLException {
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles WHERE oid = " + BOOTSTRAP_SUPERUSER)) {
            return new RolePolicy(providerRoles, rs.next() ? rs.getString(1) : null);
        }
    }

    public boolean reserved(String role) {
        return role.startsWith("pg_") || providerRoles.contains(role) || role.equals(bootstrap);
    }

    /**
     * Source role to target role for the reserved roles whose objects change hands: provider
     * roles always, the bootstrap superuser when the target has no role of its name.
     */
    public Map<String, String> reassignments(Collection<String> sourceRoles, Set<String> targetRoles, String newOwner) {
        Map<String, String> map = new HashMap<>();
        for (String role : sourceRoles) {
            boolean provider = providerRoles.contains(role);
            boolean lostBootstrap = role.equals(bootstrap) && !targetRoles.contains(role);
            if ((provider || lostBootstrap) && !role.equals(newOwner)) {
                map.put(role, newOwner);
            }
        }
        return map;
    }
}
