package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantTest {
    private static List<Grant> each(String grantee, boolean grantable, String grantor, String... privileges) {
        List<Grant> grants = new ArrayList<>();
        for (String p : privileges) {
            grants.add(new Grant(grantee, p, grantable, grantor));
        }
        return grants;
    }

    private static final String[] ALL_BEFORE_17 = {"DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"};

    @Test
    void aCompleteSetBecomesAllAndTheRestStaysAsItWas() {
        List<Grant> acl = new ArrayList<>();
        acl.addAll(each("owner", false, "owner", ALL_BEFORE_17));
        acl.addAll(each("writer", false, "owner", "INSERT", "SELECT", "UPDATE"));
        acl.addAll(each(null, true, "owner", ALL_BEFORE_17));

        assertThat(Grant.allOfARelationBefore17(acl)).containsExactly(
                new Grant("owner", "ALL", false, "owner"),
                new Grant("writer", "INSERT", false, "owner"), new Grant("writer", "SELECT", false, "owner"),
                new Grant("writer", "UPDATE", false, "owner"),
                new Grant(null, "ALL", true, "owner"));
    }

    @Test
    void aSetSplitByGrantOptionOrGrantorIsNotComplete() {
        List<Grant> acl = new ArrayList<>();
        acl.addAll(each("bob", true, "owner", "DELETE", "INSERT", "REFERENCES"));
        acl.addAll(each("bob", false, "owner", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"));
        acl.addAll(each("eve", false, "owner", "DELETE", "INSERT", "REFERENCES", "SELECT"));
        acl.addAll(each("eve", false, "bob", "TRIGGER", "TRUNCATE", "UPDATE"));

        assertThat(Grant.allOfARelationBefore17(acl)).containsExactlyElementsOf(acl);
    }
}
