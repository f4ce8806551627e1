package org.pgmigrate.validation.rules.roles;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.Names;

/**
 * Login roles of the source whose password is an md5 hash, when the target hashes passwords with
 * SCRAM: carried as they are, they authenticate only where pg_hba.conf still allows md5, and a
 * scram-only target refuses them.
 */
public final class Md5PasswordsRule extends BaseRule {
    public Md5PasswordsRule() {
        super("md5-passwords-scram-target", Category.ROLES);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        String encryption = context.target().setting("password_encryption");
        if (!"scram-sha-256".equals(encryption)) {
            return List.of(succeeded("The target hashes passwords with " + encryption + ", so md5 hashes keep working."));
        }
        if (!context.source().superuser()) {
            return List.of(succeeded("Not checked: reading password hashes needs a superuser on the source."));
        }
        List<String> roles = context.source().identifiers("SELECT a.rolname FROM pg_catalog.pg_authid a"
                + " WHERE a.rolcanlogin AND a.rolpassword LIKE 'md5%' ORDER BY 1");
        if (roles.isEmpty()) {
            return List.of(succeeded("No login role of the source has an md5 password hash."));
        }
        return List.of(warning(Names.count(roles.size(), "login role has", "login roles have") + " md5 password hashes on the source,"
                        + " and the target uses scram-sha-256: carried over, they fail wherever the target's pg_hba.conf requires"
                        + " scram-sha-256 (as managed services do): " + Names.list(roles) + ".",
                "Set new passwords for these roles on the target after the migration (\\password in psql, or ALTER ROLE name PASSWORD"
                        + " '...'; with password_encryption = 'scram-sha-256'), or on the source beforehand.",
                roles));
    }
}
