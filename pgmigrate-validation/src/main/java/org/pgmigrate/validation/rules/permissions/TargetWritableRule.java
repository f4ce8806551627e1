package org.pgmigrate.validation.rules.permissions;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.Side;

/** The target is a primary that accepts writes, not a standby or read-only by default. */
public final class TargetWritableRule extends BaseRule {
    public TargetWritableRule() {
        super("target-writable", Category.PERMISSIONS);
    }

    @Override
    public Set<Side> reads() {
        return EnumSet.of(Side.TARGET);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        Server target = context.target();
        String database = SqlNames.ident(target.database());
        if (target.test("SELECT pg_catalog.pg_is_in_recovery()")) {
            return List.of(failed("The target server is a standby (in recovery) and cannot be written to.",
                    "Point the target URL at the primary, or promote this server (SELECT pg_promote();).", List.of(target.endpoint())));
        }
        // validation's own transaction is read-only; the default says what the migration's sessions would get
        if ("on".equals(target.setting("default_transaction_read_only"))) {
            return List.of(failed("Transactions on the target database " + database + " are read-only by default"
                            + " (default_transaction_read_only = on for the server, the database or the role "
                            + SqlNames.ident(target.user()) + ").",
                    "On the target: ALTER DATABASE " + database + " SET default_transaction_read_only = off; (or ALTER ROLE "
                            + SqlNames.ident(target.user()) + " SET default_transaction_read_only = off;, or change postgresql.conf).",
                    List.of(database)));
        }
        return List.of(succeeded("The target accepts writes."));
    }
}
