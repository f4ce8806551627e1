package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Collects one object's statements: its definition, then comment, owner and privileges. */
final class Statements {
    private final TargetRoles roles;
    private final List<String> list = new ArrayList<>();

    Statements(TargetRoles roles) {
        this.roles = roles;
    }

    Statements add(String sql) {
        list.add(sql);
        return this;
    }

    Statements addAll(List<String> sql) {
        list.addAll(sql);
        return this;
    }

    /** {@code COMMENT ON <target> IS <literal>} when the object has a comment. */
    Statements comment(String target, String literal) {
        if (literal != null) {
            list.add("COMMENT ON " + target + " IS " + literal);
        }
        return this;
    }

    /** {@code ALTER <target> OWNER TO <owner>} when the owner exists on the target. */
    Statements owner(String target, String owner) {
        String role = owner == null ? null : roles.name(owner, target);
        if (role != null) {
            list.add("ALTER " + target + " OWNER TO " + Sql.ident(role));
        }
        return this;
    }

    /**
     * Recreates an ACL exactly: revoke what the target grants by default, then grant each
     * entry. A {@code null} ACL means the default, which needs no statement.
     */
    Statements privileges(String grantTarget, String owner, List<Grant> acl) {
        if (acl == null) {
            return this;
        }
        list.add("REVOKE ALL ON " + grantTarget + " FROM PUBLIC");
        String role = owner == null ? null : roles.name(owner, grantTarget);
        if (role != null) {
            list.add("REVOKE ALL ON " + grantTarget + " FROM " + Sql.ident(role));
        }
        grants("", grantTarget, "", acl, owner);
        return this;
    }

    /**
     * Default privileges of {@code role}: a global entry replaces the built-in default, so it
     * is rebuilt from nothing; an entry for one schema only adds to it.
     */
    Statements defaultPrivileges(String sourceRole, String schema, String objects, List<Grant> acl) {
        String role = roles.name(sourceRole, "DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(sourceRole));
        if (role == null) {
            return this;
        }
        String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(role) + (schema == null ? "" : " IN SCHEMA " + Sql.ident(schema)) + " ";
        if (schema == null) {
            list.add(prefix + "REVOKE ALL ON " + objects + " FROM PUBLIC");
            list.add(prefix + "REVOKE ALL ON " + objects + " FROM " + Sql.ident(role));
        }
        grants(prefix, objects, "", acl, null);
        return this;
    }

    /** Column privileges: {@code GRANT priv (column) ON TABLE t TO role}. */
    Statements columnPrivileges(String tableTarget, String column, List<Grant> acl) {
        if (acl != null) {
            grants("", tableTarget, " (" + Sql.ident(column) + ")", acl, null);
        }
        return this;
    }

    /**
     * GRANT statements for {@code acl}. With {@code owner} given, what another role granted is
     * granted as that role ({@code SET ROLE}), which the ACL records as its grantor, after the
     * grants that give it the grant option.
     */
    private void grants(String prefix, String grantTarget, String columns, List<Grant> acl, String owner) {
        Map<String, Map<String, List<String>>> byGrantor = new LinkedHashMap<>();
        byGrantor.put(null, new LinkedHashMap<>());
        GrantorOrder order = new GrantorOrder();
        for (Grant g : acl) {
            String grantee = g.grantee() == null ? null : roles.name(g.grantee(), grantTarget);
            if (g.grantee() != null && grantee == null) {
                continue;
            }
            String grantor = owner == null || g.grantor() == null || g.grantor().equals(owner) ? null : g.grantor();
            String key = (grantee == null ? "PUBLIC" : Sql.ident(grantee)) + (g.grantable() ? " WITH GRANT OPTION" : "");
            byGrantor.computeIfAbsent(grantor, k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                    .add(g.privilege() + columns);
            order.granted(grantor, g.grantee(), g.grantable());
        }
        for (String grantor : order.of(byGrantor.keySet())) {
            String role = grantor == null ? null : roles.name(grantor, grantTarget);
            if (grantor != null && role == null) {
                continue;
            }
            if (role != null) {
                list.add("SET ROLE " + Sql.ident(role));
            }
            byGrantor.get(grantor).forEach((grantee, privileges) ->
                    list.add(prefix + "GRANT " + String.join(", ", privileges) + " ON " + grantTarget + " TO " + grantee));
            if (role != null) {
                list.add("RESET ROLE");
            }
        }
    }

    List<String> toList() {
        return List.copyOf(list);
    }
}
