package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Publications, created once every table is loaded: the publication with its options, comment and
 * owner, then each table (with its column list and row filter, 15+) and each schema (15+) it
 * publishes as an object of its own, which an object filter leaves out with its table or schema.
 */
final class PublicationReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    private final Set<String> ignored;

    /** @param ignored publications not to migrate: the online migration's own */
    PublicationReader(Catalog catalog, TargetRoles roles, SourceSchema out, Set<String> ignored) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.ignored = ignored;
    }

    void read() throws SQLException {
        int v = catalog.version();
        Map<Long, String> names = new HashMap<>();
        catalog.query("SELECT p.oid, p.pubname, pg_catalog.pg_get_userbyid(p.pubowner), p.puballtables,"
                + " p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, " + (v >= 130000 ? "p.pubviaroot" : "false")
                + " FROM pg_catalog.pg_publication p ORDER BY p.pubname", rs -> {
                    if (ignored.contains(rs.getString(2))) {
                        return;
                    }
                    String name = Sql.ident(rs.getString(2));
                    names.put(rs.getLong(1), name);
                    List<String> publish = new ArrayList<>();
                    String[] actions = {"insert", "update", "delete", "truncate"};
                    for (int i = 0; i < actions.length; i++) {
                        if (rs.getBoolean(5 + i)) {
                            publish.add(actions[i]);
                        }
                    }
                    String target = "PUBLICATION " + name;
                    Statements s = new Statements(roles).add("CREATE " + target + (rs.getBoolean(4) ? " FOR ALL TABLES" : "")
                            + " WITH (publish = '" + String.join(", ", publish) + "'"
                            + (rs.getBoolean(9) ? ", publish_via_partition_root = true" : "") + ")")
                            .comment(target, catalog.comment(ObjectRef.PG_PUBLICATION, rs.getLong(1), 0))
                            .owner(target, rs.getString(3));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_PUBLICATION, rs.getLong(1)), "publication", name,
                            Placement.AFTER_ALL_DATA, 0, s.toList()));
                });
        readTables(names);
        if (v >= 150000) {
            readSchemas(names);
        }
    }

    private void readTables(Map<Long, String> publications) throws SQLException {
        boolean filters = catalog.version() >= 150000;
        catalog.query("SELECT r.oid, r.prpubid, r.prrelid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), "
                + (filters ? "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)"
                        + "  FROM pg_catalog.pg_attribute a WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs)),"
                        + " pg_catalog.pg_get_expr(r.prqual, r.prrelid)" : "NULL, NULL")
                + " FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_class c ON c.oid = r.prrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY 4", rs -> {
                    String publication = publications.get(rs.getLong(2));
                    if (publication == null) {
                        return;
                    }
                    String table = rs.getString(4);
                    // ONLY: each inheritance child a publication takes has a row of its own
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_PUBLICATION_REL, rs.getLong(1)), "publication table",
                            table + " in publication " + publication, Placement.AFTER_ALL_DATA, rs.getLong(3),
                            List.of("ALTER PUBLICATION " + publication + " ADD TABLE ONLY " + table
                                    + (rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")")
                                    + (rs.getString(6) == null ? "" : " WHERE (" + rs.getString(6) + ")"))));
                });
    }

    private void readSchemas(Map<Long, String> publications) throws SQLException {
        catalog.query("SELECT p.oid, p.pnpubid, pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_publication_namespace p"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pnnspid ORDER BY 3", rs -> {
                    String publication = publications.get(rs.getLong(2));
                    if (publication == null) {
                        return;
                    }
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_PUBLICATION_NAMESPACE, rs.getLong(1)), "publication schema",
                            rs.getString(3) + " in publication " + publication, Placement.AFTER_ALL_DATA, 0,
                            List.of("ALTER PUBLICATION " + publication + " ADD TABLES IN SCHEMA " + rs.getString(3))));
                });
    }
}
