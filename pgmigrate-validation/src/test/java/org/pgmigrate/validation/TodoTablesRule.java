package org.pgmigrate.validation;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Finding;

/** A rule as a user would write one: warns about tables whose names start with "todo". */
public final class TodoTablesRule extends BaseRule {
    public TodoTablesRule() {
        super("todo-tables", Category.OTHER);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<String> tables = context.source().qualifiedNames("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relname LIKE 'todo%' ORDER BY 1, 2");
        return tables.isEmpty()
                ? List.of(succeeded("No table left to do."))
                : List.of(warning("Tables still to do: " + String.join(", ", tables) + ".", "Finish them.", tables));
    }
}
