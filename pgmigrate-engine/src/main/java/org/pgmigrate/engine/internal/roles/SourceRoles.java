package org.pgmigrate.engine.internal.roles;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pgmigrate.engine.internal.schema.RoleSettings;

/**
 * Every role of the source server with its attributes, comment, server-wide settings, password
 * hash (when the connecting user may read pg_authid) and memberships, read with a handful of
 * set-based queries.
 */
public final class SourceRoles {
    private static final String PG_AUTHID = "'pg_catalog.pg_authid'::pg_catalog.regclass";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Map<String, SourceRole> roles;
    private final List<Membership> memberships;
    private final boolean passwordsRead;

    private SourceRoles(Map<String, SourceRole> roles, List<Membership> memberships, boolean passwordsRead) {
        this.roles = roles;
        this.memberships = memberships;
        this.passwordsRead = passwordsRead;
    }

    /** Reads the roles through {@code source}, which must be in auto-commit mode. */
    public static SourceRoles read(Connection source, int version) throws SQLException {
        Map<Long, String> passwords = passwords(source);
        Map<String, List<String>> settings = new HashMap<>();
        query(source, RoleSettings.query("s.setdatabase = 0 AND s.setrole <> 0"), rs ->
                settings.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add(RoleSettings.setClause(rs.getString(1), rs.getString(2))));
        Map<String, SourceRole> roles = new LinkedHashMap<>();
        query(source, "SELECT r.oid, r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,"
                + " r.rolreplication, r.rolbypassrls, r.rolconnlimit,"
                + " pg_catalog.quote_literal(r.rolvaliduntil::text),"
                + " pg_catalog.quote_literal(pg_catalog.shobj_description(r.oid, 'pg_authid'))"
                + " FROM pg_catalog.pg_roles r ORDER BY r.rolname", rs -> {
                    String name = rs.getString(2);
                    roles.put(name, new SourceRole(rs.getLong(1), name, rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                            rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getInt(10), rs.getString(11),
                            passwords == null ? null : passwords.get(rs.getLong(1)), rs.getString(12),
                            settings.getOrDefault(name, List.of())));
                });
        List<Membership> memberships = new ArrayList<>();
        boolean options = version >= 160000;
        query(source, "SELECT g.rolname, m.rolname, gr.rolname, a.admin_option"
                + (options ? ", a.inherit_option, a.set_option" : "")
                + " FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles g ON g.oid = a.roleid"
                + " JOIN pg_catalog.pg_roles m ON m.oid = a.member LEFT JOIN pg_catalog.pg_roles gr ON gr.oid = a.grantor"
                + " ORDER BY 1, 2, 3", rs -> memberships.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), options ? rs.getBoolean(5) : null, options ? rs.getBoolean(6) : null)));
        return new SourceRoles(roles, memberships, passwords != null);
    }

    /** Role OID to its password hash as a literal; null when the user may not read them. */
    private static Map<Long, String> passwords(Connection source) throws SQLException {
        Map<Long, String> passwords = new HashMap<>();
        try {
            query(source, "SELECT oid, pg_catalog.quote_literal(rolpassword) FROM pg_catalog.pg_authid WHERE rolpassword IS NOT NULL",
                    rs -> passwords.put(rs.getLong(1), rs.getString(2)));
            return passwords;
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    public SourceRole role(String name) {
        return roles.get(name);
    }

    public List<Membership> memberships() {
        return memberships;
    }

    /** Whether password hashes could be read (the source user is a superuser). */
    public boolean passwordsRead() {
        return passwordsRead;
    }

    /** Every role that is not reserved, by name. */
    public Set<String> all(RolePolicy policy) {
        Set<String> all = new TreeSet<>();
        roles.keySet().stream().filter(r -> !policy.reserved(r)).forEach(all::add);
        return all;
    }

    /** The reserved roles other than the predefined pg_* ones, which every server has: those worth reporting. */
    public List<String> reserved(RolePolicy policy) {
        return roles.keySet().stream().filter(policy::reserved).filter(r -> !r.startsWith("pg_")).sorted().toList();
    }

    /** Every role name, reserved or not. */
    public Set<String> names() {
        return roles.keySet();
    }

    /**
     * The roles {@code databases} refer to (owners, grantees, policies, default privileges, role
     * settings, database owners and grantees), then the roles that are members of those, then the
     * roles those are members of, reserved roles left out.
     */
    public Set<String> needed(Connection source, Collection<String> databases, RolePolicy policy) throws SQLException {
        Set<String> referenced = new TreeSet<>();
        String selected = "(SELECT oid FROM pg_catalog.pg_database WHERE datname = ANY (?))";
        String sql = "SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid IN ("
                + " SELECT d.refobjid FROM pg_catalog.pg_shdepend d WHERE d.refclassid = " + PG_AUTHID
                + "   AND (d.dbid IN " + selected + " OR (d.dbid = 0 AND d.classid = 'pg_catalog.pg_database'::pg_catalog.regclass"
                + "   AND d.objid IN " + selected + "))"
                + " UNION SELECT datdba FROM pg_catalog.pg_database WHERE datname = ANY (?)"
                + " UNION SELECT setrole FROM pg_catalog.pg_db_role_setting WHERE setdatabase IN " + selected + ")";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            Array names = source.createArrayOf("text", databases.toArray());
            for (int i = 1; i <= 4; i++) {
                ps.setArray(i, names);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    referenced.add(rs.getString(1));
                }
            }
        }
        referenced.removeIf(policy::reserved);
        Set<String> needed = closure(referenced, false, policy);
        return closure(needed, true, policy);
    }

    /** {@code start} plus its members ({@code upwards} false) or groups ({@code upwards} true), transitively. */
    private Set<String> closure(Set<String> start, boolean upwards, RolePolicy policy) {
        Set<String> result = new TreeSet<>(start);
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String role = todo.pop();
            for (Membership m : memberships) {
                String from = upwards ? m.member() : m.group();
                String to = upwards ? m.group() : m.member();
                if (from.equals(role) && !policy.reserved(to) && result.add(to)) {
                    todo.push(to);
                }
            }
        }
        return result;
    }

    @FunctionalInterface
    private interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Rows rows) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.row(rs);
            }
        }
    }
}
