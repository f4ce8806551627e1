package org.pgmigrate.validation.rules.encoding;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;

/**
 * The target database's encoding can hold the source's text. Rows travel as UTF-8: a UTF8 target
 * holds any encoding but SQL_ASCII (whose bytes need not be valid in any encoding); any other
 * target encoding must equal the source's.
 */
public final class DatabaseEncodingRule extends BaseRule {
    private static final String ENCODING = "SELECT pg_catalog.pg_encoding_to_char(d.encoding) FROM pg_catalog.pg_database d"
            + " WHERE d.datname = pg_catalog.current_database()";

    public DatabaseEncodingRule() {
        super("database-encoding", Category.ENCODING);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        String source = context.source().value(ENCODING);
        String target = context.target().value(ENCODING);
        String database = SqlNames.ident(context.target().database());
        if (source.equals(target)) {
            return List.of(succeeded("Both databases use the encoding " + source + "."));
        }
        String remediation = "Create the target database with the source's encoding, e.g. CREATE DATABASE " + database
                + " TEMPLATE template0 ENCODING '" + source + "' LOCALE '<locale for " + source + ">'; and point the target URL at it.";
        if (target.equals("UTF8") && !source.equals("SQL_ASCII")) {
            return List.of(warning("The source database uses " + source + ", the target database " + database
                    + " UTF8: text is converted, which is lossless, but lengths in bytes change.", remediation, List.of(database)));
        }
        return List.of(failed("The target database " + database + " uses the encoding " + target + ", the source " + source
                + ": " + (source.equals("SQL_ASCII") ? "SQL_ASCII text may hold bytes invalid in " + target
                : "characters of " + source + " that " + target + " cannot represent would fail the copy") + ".",
                remediation, List.of(database)));
    }
}
