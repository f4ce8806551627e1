package org.pgmigrate.validation.internal;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pgmigrate.validation.Server;

/** The extensions installed in the source database (plpgsql aside: every database has it). */
public final class SourceExtensions {
    private SourceExtensions() {}

    /** Extension name to installed version, by name. */
    public static Map<String, String> read(Server source) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        source.query("SELECT e.extname, e.extversion FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1",
                row -> versions.put(row.getString(1), row.getString(2)));
        return versions;
    }
}
