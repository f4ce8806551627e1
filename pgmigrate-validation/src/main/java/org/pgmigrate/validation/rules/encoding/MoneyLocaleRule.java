package org.pgmigrate.validation.rules.encoding;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.CatalogSql;
import org.pgmigrate.validation.internal.Names;

/**
 * Money columns when lc_monetary differs: money travels as text formatted by lc_monetary, so the
 * target may read another amount, or refuse it.
 */
public final class MoneyLocaleRule extends BaseRule {
    public MoneyLocaleRule() {
        super("money-lc-monetary", Category.ENCODING);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        String source = context.source().setting("lc_monetary");
        String target = context.target().setting("lc_monetary");
        if (Objects.equals(source, target)) {
            return List.of(succeeded("lc_monetary is '" + source + "' on both servers."));
        }
        List<String> columns = context.source().query("SELECT n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a"
                        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                        + "   AND a.atttypid = 'pg_catalog.money'::pg_catalog.regtype AND " + CatalogSql.userNamespace("n")
                        + " ORDER BY 1, 2, 3",
                row -> SqlNames.qualified(row.getString(1), row.getString(2)) + "." + SqlNames.ident(row.getString(3)));
        if (columns.isEmpty()) {
            return List.of(succeeded("lc_monetary differs ('" + source + "' on the source, '" + target + "' on the target),"
                    + " but no column has the type money."));
        }
        return List.of(failed("lc_monetary is '" + source + "' on the source and '" + target + "' on the target, and "
                        + Names.count(columns.size(), "money column", "money columns") + " would be copied as text in that format: "
                        + Names.list(columns) + ".",
                "Set the target database's lc_monetary to the source's before migrating (ALTER DATABASE "
                        + SqlNames.ident(context.target().database()) + " SET lc_monetary = '" + source + "';),"
                        + " or change the columns to numeric on the source.",
                columns));
    }
}
