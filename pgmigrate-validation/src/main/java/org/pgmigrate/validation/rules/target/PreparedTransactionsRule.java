package org.pgmigrate.validation.rules.target;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.internal.Names;

/**
 * Prepared (two-phase) transactions in either database: they hold locks that block the copy or
 * the schema changes, and on the source their changes are not in the snapshot until committed.
 */
public final class PreparedTransactionsRule extends BaseRule {
    public PreparedTransactionsRule() {
        super("prepared-transactions", Category.TARGET_STATE);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (Server server : List.of(context.source(), context.target())) {
            List<String> gids = server.strings("SELECT pg_catalog.quote_literal(p.gid) FROM pg_catalog.pg_prepared_xacts p"
                    + " WHERE p.database = pg_catalog.current_database() ORDER BY p.prepared");
            if (!gids.isEmpty()) {
                findings.add(failed("The " + server.side().label() + " database has "
                                + Names.count(gids.size(), "prepared transaction", "prepared transactions") + ": " + Names.list(gids) + ".",
                        "Have the transaction manager finish them, or on the " + server.side().label() + ": "
                                + Names.statements(gids, g -> "COMMIT PREPARED " + g + "; (or ROLLBACK PREPARED " + g + ";)"),
                        gids));
            }
        }
        return findings.isEmpty() ? List.of(succeeded("Neither database has prepared transactions.")) : findings;
    }
}
