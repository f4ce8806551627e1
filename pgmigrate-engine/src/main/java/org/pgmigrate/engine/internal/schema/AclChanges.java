package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * The GRANT and REVOKE statements that turn an object's initial privileges into the ones it has,
 * as pg_dump's {@code buildACLCommands} does for what initdb or an extension created: only what
 * differs is granted or revoked, so an object the target made with the same initial privileges
 * ends with the source's. Privileges a role other than the owner granted are granted and revoked
 * as that role ({@code SET ROLE}), which the ACL records as their grantor.
 */
final class AclChanges {
    private AclChanges() {}

    /**
     * @param grantTarget what GRANT names, e.g. {@code FUNCTION pg_catalog.pg_ls_dir(text)}
     * @param column the quoted column for column privileges, else null
     * @param owner the object's owner on the source
     * @param initial the initial privileges, each with its grantor
     * @param current the privileges the object has, each with its grantor
     */
    static List<String> statements(TargetRoles roles, String grantTarget, String column, String owner, List<Grant> initial, List<Grant> current) {
        Map<List<String>, Map<String, Boolean>> before = byGranteeAndGrantor(initial);
        Map<List<String>, Map<String, Boolean>> after = byGranteeAndGrantor(current);
        List<List<String>> keys = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keys::add);
        String suffix = column == null ? "" : " (" + column + ")";
        List<String> statements = new ArrayList<>();
        for (List<String> key : keys) {
            Map<String, Boolean> was = before.getOrDefault(key, Map.of());
            Map<String, Boolean> is = after.getOrDefault(key, Map.of());
            if (was.equals(is)) {
                continue;
            }
            String grantee = key.get(0) == null ? "PUBLIC" : mapped(roles, key.get(0), grantTarget);
            String grantor = key.get(1) == null || key.get(1).equals(owner) ? null : mapped(roles, key.get(1), grantTarget);
            if (grantee == null || (key.get(1) != null && !key.get(1).equals(owner) && grantor == null)) {
                continue; // the role is missing on the target: reported with the roles
            }
            List<String> revoke = new ArrayList<>();
            List<String> revokeOption = new ArrayList<>();
            List<String> grant = new ArrayList<>();
            List<String> grantWithOption = new ArrayList<>();
            was.forEach((privilege, grantable) -> {
                Boolean now = is.get(privilege);
                if (now == null) {
                    revoke.add(privilege + suffix);
                } else if (grantable && !now) {
                    revokeOption.add(privilege + suffix);
                }
            });
            is.forEach((privilege, grantable) -> {
                Boolean then = was.get(privilege);
                if (then == null || (grantable && !then)) {
                    (grantable ? grantWithOption : grant).add(privilege + suffix);
                }
            });
            List<String> group = new ArrayList<>();
            String on = " ON " + grantTarget;
            if (!revoke.isEmpty()) {
                group.add("REVOKE " + String.join(", ", revoke) + on + " FROM " + grantee);
            }
            if (!revokeOption.isEmpty()) {
                group.add("REVOKE GRANT OPTION FOR " + String.join(", ", revokeOption) + on + " FROM " + grantee);
            }
            if (!grant.isEmpty()) {
                group.add("GRANT " + String.join(", ", grant) + on + " TO " + grantee);
            }
            if (!grantWithOption.isEmpty()) {
                group.add("GRANT " + String.join(", ", grantWithOption) + on + " TO " + grantee + " WITH GRANT OPTION");
            }
            if (grantor != null) {
                statements.add("SET ROLE " + grantor);
                statements.addAll(group);
                statements.add("RESET ROLE");
            } else {
                statements.addAll(group);
            }
        }
        return statements;
    }

    private static String mapped(TargetRoles roles, String role, String object) {
        String name = roles.name(role, object);
        return name == null ? null : Sql.ident(name);
    }

    /** Grantee and grantor (null for PUBLIC, or for a grantor not read) to privilege and grant option. */
    private static Map<List<String>, Map<String, Boolean>> byGranteeAndGrantor(List<Grant> acl) {
        Map<List<String>, Map<String, Boolean>> groups = new LinkedHashMap<>();
        for (Grant g : acl) {
            List<String> key = new ArrayList<>(2);
            key.add(g.grantee());
            key.add(g.grantor());
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(g.privilege(), g.grantable(), (a, b) -> a || b);
        }
        return groups;
    }
}
