package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GRANTs and REVOKEs that turn initial privileges into the current ones, and the order of grantors. */
class AclChangesTest {
    private static final String FUNCTION = "FUNCTION pg_catalog.pg_ls_dir(text)";

    private final TargetRoles roles = new TargetRoles(List.of("postgres", "reader", "writer"), Map.of("old_admin", "postgres"));

    private static Grant grant(String grantee, String privilege, boolean grantable, String grantor) {
        return new Grant(grantee, privilege, grantable, grantor);
    }

    @Test
    void equalPrivilegesNeedNothing() {
        List<Grant> acl = List.of(grant(null, "EXECUTE", false, "postgres"), grant("postgres", "EXECUTE", false, "postgres"));

        assertThat(AclChanges.statements(roles, FUNCTION, null, "postgres", acl, List.of(acl.get(1), acl.get(0)))).isEmpty();
    }

    @Test
    void onlyWhatChangedIsRevokedOrGranted() {
        List<Grant> initial = List.of(grant(null, "EXECUTE", false, "postgres"), grant("postgres", "EXECUTE", false, "postgres"));
        List<Grant> current = List.of(grant("postgres", "EXECUTE", false, "postgres"), grant("reader", "EXECUTE", true, "postgres"));

        assertThat(AclChanges.statements(roles, FUNCTION, null, "postgres", initial, current)).containsExactly(
                "REVOKE EXECUTE ON " + FUNCTION + " FROM PUBLIC",
                "GRANT EXECUTE ON " + FUNCTION + " TO \"reader\" WITH GRANT OPTION");
    }

    @Test
    void aGrantOptionTakenAwayIsRevokedAloneAndColumnsAreNamed() {
        String table = "TABLE pg_catalog.pg_authid";
        List<Grant> initial = List.of(grant("reader", "SELECT", true, "postgres"), grant("reader", "UPDATE", false, "postgres"));
        List<Grant> current = List.of(grant("reader", "SELECT", false, "postgres"), grant("writer", "SELECT", false, "postgres"));

        assertThat(AclChanges.statements(roles, table, "\"rolname\"", "postgres", initial, current)).containsExactly(
                "REVOKE UPDATE (\"rolname\") ON " + table + " FROM \"reader\"",
                "REVOKE GRANT OPTION FOR SELECT (\"rolname\") ON " + table + " FROM \"reader\"",
                "GRANT SELECT (\"rolname\") ON " + table + " TO \"writer\"");
    }

    @Test
    void whatAnotherRoleGrantedIsGrantedAsThatRoleAndMissingRolesAreSkipped() {
        List<Grant> current = List.of(grant("reader", "EXECUTE", true, "postgres"), grant("writer", "EXECUTE", false, "reader"),
                grant("nobody", "EXECUTE", false, "postgres"), grant("writer", "EXECUTE", false, "old_admin"));

        assertThat(AclChanges.statements(roles, FUNCTION, null, "postgres", List.of(), current)).containsExactly(
                "GRANT EXECUTE ON " + FUNCTION + " TO \"reader\" WITH GRANT OPTION",
                "SET ROLE \"reader\"", "GRANT EXECUTE ON " + FUNCTION + " TO \"writer\"", "RESET ROLE",
                "SET ROLE \"postgres\"", "GRANT EXECUTE ON " + FUNCTION + " TO \"writer\"", "RESET ROLE");
        assertThat(roles.missing()).containsOnlyKeys("nobody");
    }

    @Test
    void aGrantorComesAfterTheGrantorThatGaveItTheGrantOption() {
        GrantorOrder order = new GrantorOrder();
        order.granted("b", "c", true);
        order.granted(null, "a", true);
        order.granted("a", "b", true);
        order.granted("c", "d", false);

        assertThat(order.of(new java.util.LinkedHashSet<>(java.util.Arrays.asList("c", "b", null, "a")))).containsExactly(null, "a", "b", "c");
    }
}
