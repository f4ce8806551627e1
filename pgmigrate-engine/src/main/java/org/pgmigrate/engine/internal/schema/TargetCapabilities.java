package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pgmigrate.TablespaceMapping;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * What the target server offers that the source's objects may need and that no catalog of the
 * target database lists by itself: where the source's tablespaces go, and which of the source's
 * security label providers are loaded there.
 *
 * @param tablespaces where relations of each source tablespace go
 * @param labelProviders the label providers of the source that the target has loaded
 */
public record TargetCapabilities(Tablespaces tablespaces, Set<String> labelProviders) {
    public TargetCapabilities {
        labelProviders = Set.copyOf(labelProviders);
    }

    /**
     * Reads them, refusing a tablespace the target lacks (see {@link Tablespaces#resolve}).
     *
     * @param source a connection to the source database
     * @param target a connection to the target database, in auto-commit mode
     */
    public static TargetCapabilities read(Connection source, Connection target, List<TablespaceMapping> mappings) throws SQLException {
        return new TargetCapabilities(Tablespaces.resolve(source, target, mappings), loadedProviders(source, target));
    }

    /**
     * The label providers the source uses that the target has loaded. A provider is asked to
     * label large object 0, which never exists: a loaded one gets as far as looking it up
     * ({@code undefined_object}), one that is not loaded is refused before ({@code invalid_parameter_value}).
     * Nothing is labelled either way.
     */
    private static Set<String> loadedProviders(Connection source, Connection target) throws SQLException {
        Set<String> used = new TreeSet<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT provider FROM pg_catalog.pg_seclabel UNION SELECT provider"
                + " FROM pg_catalog.pg_shseclabel WHERE classoid = 'pg_catalog.pg_database'::pg_catalog.regclass"
                + " AND objoid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                used.add(rs.getString(1));
            }
        }
        Set<String> loaded = new TreeSet<>();
        for (String provider : used) {
            try (Statement s = target.createStatement()) {
                s.execute("SECURITY LABEL FOR " + Sql.ident(provider) + " ON LARGE OBJECT 0 IS NULL");
                loaded.add(provider);
            } catch (SQLException e) {
                if ("42704".equals(e.getSQLState())) {
                    loaded.add(provider);
                }
            }
        }
        return loaded;
    }
}
