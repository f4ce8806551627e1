package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of an ACL: a privilege held by a role ({@code null} for PUBLIC), granted by
 * {@code grantor} ({@code null} where it was not read: the object's owner). The privilege
 * {@code ALL} stands for every privilege of the object's kind.
 */
record Grant(String grantee, String privilege, boolean grantable, String grantor) {
    /** Every privilege a relation has before PostgreSQL 17, which added MAINTAIN. */
    private static final Set<String> RELATION_BEFORE_17 = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
            "TRIGGER");

    Grant(String grantee, String privilege, boolean grantable) {
        this(grantee, privilege, grantable, null);
    }

    /**
     * A relation's ACL of a source before 17 with each role's complete set of privileges as one
     * {@code ALL}, as pg_dump writes it: on a target of 17 or newer, whoever held every privilege
     * (the owner above all) holds MAINTAIN too, so can still VACUUM, ANALYZE and REFRESH.
     */
    static List<Grant> allOfARelationBefore17(List<Grant> acl) {
        record Holder(String grantee, boolean grantable, String grantor) {}
        Map<Holder, List<Grant>> byHolder = new LinkedHashMap<>();
        for (Grant g : acl) {
            byHolder.computeIfAbsent(new Holder(g.grantee, g.grantable, g.grantor), k -> new ArrayList<>()).add(g);
        }
        List<Grant> out = new ArrayList<>();
        for (List<Grant> grants : byHolder.values()) {
            Grant first = grants.get(0);
            boolean complete = grants.size() == RELATION_BEFORE_17.size()
                    && grants.stream().map(Grant::privilege).allMatch(RELATION_BEFORE_17::contains);
            if (complete) {
                out.add(new Grant(first.grantee, "ALL", first.grantable, first.grantor));
            } else {
                out.addAll(grants);
            }
        }
        return out;
    }
}
