package org.pgmigrate.validation.rules.encoding;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Finding;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;

/**
 * The databases sort and classify text the same way (locale provider, LC_COLLATE, LC_CTYPE, ICU or
 * builtin locale). A difference loads fine but changes ORDER BY results and index order, so it warns.
 */
public final class DatabaseLocaleRule extends BaseRule {
    public DatabaseLocaleRule() {
        super("database-locale", Category.ENCODING);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        String source = locale(context.source());
        String target = locale(context.target());
        String database = SqlNames.ident(context.target().database());
        if (source.equals(target)) {
            return List.of(succeeded("Both databases use the locale " + source + "."));
        }
        return List.of(warning("The target database " + database + " uses the locale " + target + ", the source " + source
                        + ": text sorts and compares differently (ORDER BY results, index order, case-insensitive matching).",
                "If that matters, create the target database with the source's locale (CREATE DATABASE " + database
                        + " TEMPLATE template0 ...) and point the target URL at it.",
                List.of(database)));
    }

    /** e.g. "libc (LC_COLLATE C.UTF-8, LC_CTYPE C.UTF-8)" or "icu und (LC_COLLATE ..., LC_CTYPE ...)". */
    private static String locale(Server server) throws SQLException {
        int version = server.versionNumber();
        String provider = version >= 150000
                ? "CASE d.datlocprovider WHEN 'i' THEN 'icu ' WHEN 'b' THEN 'builtin ' ELSE 'libc ' END"
                        + " || coalesce(" + (version >= 170000 ? "d.datlocale" : "d.daticulocale") + " || ' ', '')"
                : "'libc '";
        return server.value("SELECT " + provider + " || '(LC_COLLATE ' || d.datcollate || ', LC_CTYPE ' || d.datctype || ')'"
                + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()");
    }
}
