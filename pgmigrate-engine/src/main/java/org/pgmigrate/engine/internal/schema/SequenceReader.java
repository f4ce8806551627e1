package org.pgmigrate.engine.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/** Sequence options, identity sequences and {@code OWNED BY} links of the relations read. */
final class SequenceReader {
    private final Catalog catalog;
    private final Map<Long, Relation> relations;
    private final SourceSchema out;
    private final Map<Long, List<String[]>> identitySequences = new HashMap<>();
    private Map<Long, String> identityOptions;
    private Map<Long, String> sequenceOptions;
    private Map<Long, List<String>> ownedBy;

    SequenceReader(Catalog catalog, Map<Long, Relation> relations, SourceSchema out) {
        this.catalog = catalog;
        this.relations = relations;
        this.out = out;
    }

    void read() throws SQLException {
        identityOptions = readIdentitySequences(identitySequences);
        sequenceOptions = readSequences();
        ownedBy = readOwnedSequences();
    }

    /** The options of an identity column's sequence, from SEQUENCE NAME on, or null. */
    String identityOptions(long table, int attnum) {
        return identityOptions.get(identityKey(table, attnum));
    }

    /** The identity sequences of a table: {OID, quoted name, persistence}. */
    List<String[]> identitySequences(long table) {
        return identitySequences.getOrDefault(table, List.of());
    }

    /** The options of a sequence as CREATE SEQUENCE takes them, from AS on. */
    String options(long sequence) {
        return sequenceOptions.getOrDefault(sequence, "");
    }

    /** {@code ALTER SEQUENCE ... OWNED BY} statements of the sequences a table's columns own. */
    List<String> ownedBy(long table) {
        return ownedBy.getOrDefault(table, List.of());
    }

    private Map<Long, String> readIdentitySequences(Map<Long, List<String[]>> byTable) throws SQLException {
        Map<Long, String> options = new HashMap<>();
        catalog.query("SELECT d.refobjid, d.refobjsubid, n.nspname, c.relname, " + SEQUENCE_COLUMNS + ", c.oid, c.relpersistence"
                + " FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.deptype = 'i' AND d.refobjsubid > 0", rs -> {
                    String name = Sql.qualified(rs.getString(3), rs.getString(4));
                    options.put(identityKey(rs.getLong(1), rs.getInt(2)), "SEQUENCE NAME " + name + sequenceOptions(rs, 5, false));
                    byTable.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new String[] {rs.getString(12), name, rs.getString(13)});
                });
        return options;
    }

    private Map<Long, String> readSequences() throws SQLException {
        Map<Long, String> options = new HashMap<>();
        catalog.query("SELECT s.seqrelid, " + SEQUENCE_COLUMNS + " FROM pg_catalog.pg_sequence s", rs -> {
            if (relations.containsKey(rs.getLong(1))) {
                options.put(rs.getLong(1), sequenceOptions(rs, 2, true));
            }
        });
        return options;
    }

    private static final String SEQUENCE_COLUMNS = "pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
            + " s.seqmin, s.seqmax, s.seqcache, s.seqcycle";

    private static String sequenceOptions(ResultSet rs, int first, boolean withType) throws SQLException {
        return (withType ? " AS " + rs.getString(first) : "")
                + " START WITH " + rs.getLong(first + 1)
                + " INCREMENT BY " + rs.getLong(first + 2)
                + " MINVALUE " + rs.getLong(first + 3)
                + " MAXVALUE " + rs.getLong(first + 4)
                + " CACHE " + rs.getLong(first + 5)
                + (rs.getBoolean(first + 6) ? " CYCLE" : " NO CYCLE");
    }

    /** {@code ALTER SEQUENCE ... OWNED BY} statements, attached to the owning table. */
    private Map<Long, List<String>> readOwnedSequences() throws SQLException {
        Map<Long, List<String>> owned = new HashMap<>();
        catalog.query("SELECT d.objid, d.refobjid, a.attname FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.deptype = 'a' AND d.refobjsubid > 0", rs -> {
                    Relation sequence = relations.get(rs.getLong(1));
                    Relation table = relations.get(rs.getLong(2));
                    if (sequence != null && table != null) {
                        owned.computeIfAbsent(table.oid, k -> new ArrayList<>())
                                .add("ALTER SEQUENCE " + sequence.name + " OWNED BY " + table.name + "." + Sql.ident(rs.getString(3)));
                        out.dependsOn(RelationReader.ref(table), RelationReader.ref(sequence));
                    }
                });
        return owned;
    }

    private static long identityKey(long table, int attnum) {
        return table * 10000 + attnum;
    }
}
