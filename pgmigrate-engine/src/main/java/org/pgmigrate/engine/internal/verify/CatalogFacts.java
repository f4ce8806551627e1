package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.pgmigrate.engine.internal.schema.ObjectRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts of one database, read from its catalogs with one query per catalog, whatever the
 * number of objects.
 *
 * @param major the server's major version
 * @param facts by key
 * @param columns per catalog read, the properties its facts have on this server
 * @param uncompared catalog columns this server has that are not compared, as "pg_x.column (why)"
 */
record CatalogFacts(int major, Map<String, Fact> facts, Map<String, Set<String>> columns, List<String> uncompared) {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFacts.class);

    /** The columns of the catalogs the session may read; pg_user_mapping, for one, is a superuser's. */
    private static final String COLUMNS = "SELECT c.relname, a.attname, t.typname, pg_catalog.has_table_privilege(c.oid, 'SELECT')"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " WHERE c.relnamespace = 'pg_catalog'::pg_catalog.regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY c.relname, a.attnum";

    /** Reads every {@link FactCatalogs#all() catalog} the server has through {@code connection}. */
    static CatalogFacts read(Connection connection) throws SQLException {
        Reading reading = Reading.plan(connection);
        reading.readAll(connection);
        return reading.facts();
    }

    /**
     * The catalogs of one server to read, each by a query made for the columns it has there: read
     * by one session, or by several at once, each taking the next catalog left. The catalogs are
     * the same whichever session reads them, and the facts come out in the catalogs' order.
     */
    static final class Reading {
        private final int major;
        private final List<FactCatalog> catalogs = new ArrayList<>();
        private final List<FactQuery> queries = new ArrayList<>();
        private final Map<String, Set<String>> columns = new LinkedHashMap<>();
        private final List<String> uncompared = new ArrayList<>();
        /** The facts of each catalog, by its place in {@link #catalogs}, once read. */
        private final AtomicReferenceArray<Map<String, Fact>> read;
        private final AtomicInteger next = new AtomicInteger();

        private Reading(int major, Map<String, Map<String, String>> catalogColumns, Set<String> unreadable) {
            this.major = major;
            for (FactCatalog catalog : FactCatalogs.all()) {
                Map<String, String> present = catalogColumns.get(catalog.table());
                if (present == null) {
                    continue; // a catalog newer than this server
                }
                if (unreadable.contains(catalog.table())) {
                    String note = catalog.table() + " (the user may not read it)";
                    if (!uncompared.contains(note)) {
                        uncompared.add(note);
                    }
                    continue;
                }
                FactQuery query = new FactQuery(catalog, present);
                catalogs.add(catalog);
                queries.add(query);
                columns.put(catalog.name(), Set.copyOf(query.propertyNames()));
                query.uncompared().stream().filter(u -> !uncompared.contains(u)).forEach(uncompared::add);
            }
            this.read = new AtomicReferenceArray<>(catalogs.size());
        }

        /** What the server behind {@code connection} has to read: its major and its catalogs' columns. */
        static Reading plan(Connection connection) throws SQLException {
            int major;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_catalog.current_setting('server_version_num')::pg_catalog.int4 / 10000"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                major = rs.getInt(1);
            }
            Map<String, Map<String, String>> catalogColumns = new HashMap<>();
            Set<String> unreadable = new TreeSet<>();
            try (PreparedStatement ps = connection.prepareStatement(COLUMNS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    catalogColumns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                    if (!rs.getBoolean(4)) {
                        unreadable.add(rs.getString(1));
                    }
                }
            }
            return new Reading(major, catalogColumns, unreadable);
        }

        /** Reads, through {@code connection}, the next catalog no session has taken, until none is left; how many it read. */
        int readAll(Connection connection) throws SQLException {
            Map<Fact.Property, Fact.Property> seen = new HashMap<>();
            int count = 0;
            while (readNext(connection, seen)) {
                count++;
            }
            return count;
        }

        /**
         * Reads the next catalog no session has taken through {@code connection}; false when none was
         * left. {@code seen} shares equal properties between the facts this session reads.
         */
        boolean readNext(Connection connection, Map<Fact.Property, Fact.Property> seen) throws SQLException {
            int i = next.getAndIncrement();
            if (i >= catalogs.size()) {
                return false;
            }
            long started = System.nanoTime();
            Map<String, Fact> facts = new LinkedHashMap<>();
            read(connection, catalogs.get(i), queries.get(i), facts, seen);
            read.set(i, facts);
            LOG.debug("Read {} facts of {} in {} ms", facts.size(), catalogs.get(i).name(), (System.nanoTime() - started) / 1_000_000);
            return true;
        }

        /** The facts of every catalog, once the sessions reading them are done. */
        CatalogFacts facts() {
            Map<String, Fact> facts = new LinkedHashMap<>();
            for (int i = 0; i < catalogs.size(); i++) {
                Map<String, Fact> ofCatalog = read.get(i);
                if (ofCatalog == null) {
                    throw new IllegalStateException("The facts of " + catalogs.get(i).name() + " were not read");
                }
                facts.putAll(ofCatalog);
            }
            return new CatalogFacts(major, facts, columns, uncompared);
        }
    }

    /** How PostgreSQL names an object: its type, then its identity where it has one. */
    private static String named(String type, String identity) {
        return identity == null || identity.isEmpty() ? type : type + " " + identity;
    }

    private static void read(Connection connection, FactCatalog catalog, FactQuery query, Map<String, Fact> facts,
                             Map<Fact.Property, Fact.Property> seen) throws SQLException {
        String sql = query.sql();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String suffix = rs.getString(8);
                String label = catalog.what() == null ? null : catalog.what() + (suffix == null ? "" : " " + suffix);
                String key = catalog.name() + ": " + named(rs.getString(1), rs.getString(2)) + (suffix == null ? "" : " / " + suffix);
                long anchorOid = rs.getLong(7);
                ObjectRef anchor = rs.wasNull() ? null : ObjectRef.of(rs.getInt(6), anchorOid);
                String object = named(rs.getString(3), rs.getString(4));
                long ownOid = rs.getLong(11);
                ObjectRef own = rs.wasNull() ? null : ObjectRef.of(rs.getInt(10), ownOid);
                facts.put(key, new Fact(key, object, label, anchor, own, rs.getString(5), rs.getString(9), catalog.secret(),
                        query.properties(rs, seen)));
            }
        } catch (SQLException e) {
            throw new SQLException("Reading the facts of " + catalog.name() + " failed: " + e.getMessage() + "\n" + sql, e.getSQLState(), e);
        }
    }
}
