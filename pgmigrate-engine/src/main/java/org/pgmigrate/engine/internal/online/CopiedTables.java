package org.pgmigrate.engine.internal.online;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.SqlNames;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;

/**
 * The published tables as the copy saw them (read under the slot's snapshot): the stream's
 * relation messages must match them column for column, else the table changed on the source
 * (DDL is not replicated) and applying further changes could corrupt the target.
 */
final class CopiedTables {
    /**
     * A column as copied; {@code castType} is its type without modifier (as the source's
     * format_type renders it, schema-qualified when not in pg_catalog), which bound text values are
     * cast to; {@code identityAlways} columns need OVERRIDING SYSTEM VALUE to be written.
     */
    record CopiedColumn(String name, int typeOid, String typeName, String castType, boolean identityAlways) {}

    record CopiedTable(int oid, String schema, String name, List<CopiedColumn> columns) {
        String qualifiedName() {
            return SqlNames.qualified(schema, name);
        }
    }

    private final Map<Integer, CopiedTable> byOid;
    /** Published tables whose rows the filter leaves out: their changes are not applied. */
    private final java.util.Set<Integer> leftOut;
    private final Map<Integer, Long> syncPoints = new java.util.HashMap<>();

    private CopiedTables(Map<Integer, CopiedTable> byOid, java.util.Set<Integer> leftOut) {
        this.byOid = byOid;
        this.leftOut = leftOut;
    }

    /**
     * Reads the tables with OIDs {@code oids}, in the caller's transaction (the snapshot); the
     * changes of tables {@code leftOut} (published, but the filter leaves their rows out) are skipped.
     */
    static CopiedTables read(Connection source, List<Long> oids, java.util.Set<Long> leftOut, int sourceVersion) throws SQLException {
        String notGenerated = sourceVersion >= 120000 ? " AND a.attgenerated = ''" : "";
        String sql = "SELECT c.oid, n.nspname, c.relname, a.attname, a.atttypid, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " a.attidentity = 'a', pg_catalog.format_type(a.atttypid, NULL)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped" + notGenerated
                + " WHERE c.oid = ANY (?) ORDER BY c.oid, a.attnum";
        Map<Integer, String[]> names = new HashMap<>();
        Map<Integer, List<CopiedColumn>> columns = new HashMap<>();
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            Array array = source.createArrayOf("oid", oids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int oid = (int) rs.getLong(1);
                    names.putIfAbsent(oid, new String[] {rs.getString(2), rs.getString(3)});
                    columns.computeIfAbsent(oid, k -> new ArrayList<>())
                            .add(new CopiedColumn(rs.getString(4), (int) rs.getLong(5), rs.getString(6), rs.getString(8), rs.getBoolean(7)));
                }
            }
        }
        Map<Integer, CopiedTable> tables = new HashMap<>();
        for (long oid : oids) {
            String[] name = names.get((int) oid);
            if (name != null) {
                tables.put((int) oid, new CopiedTable((int) oid, name[0], name[1], columns.getOrDefault((int) oid, List.of())));
            }
        }
        java.util.Set<Integer> skipped = new java.util.HashSet<>();
        leftOut.forEach(oid -> skipped.add((int) (long) oid));
        return new CopiedTables(tables, skipped);
    }

    /**
     * These tables with the positions a resumed copy read some of them at: a table copied under
     * a snapshot taken at position P already holds every transaction committed before P.
     */
    CopiedTables withSyncPoints(Map<Integer, Long> points) {
        CopiedTables copy = new CopiedTables(byOid, leftOut);
        copy.syncPoints.putAll(points);
        return copy;
    }

    /** Whether the copy of {@code oid} already holds the source transaction that commits at {@code finalLsn}. */
    boolean inCopy(int oid, long finalLsn) {
        Long point = syncPoints.get(oid);
        return point != null && Lsn.before(finalLsn, point);
    }

    /**
     * {@code relation} described anew from the target, after DDL replicated earlier in the stream
     * changed it there as on the source: the target's table of that name must have the columns
     * the source sends, in the same order, or {@code changed} (why the copy's description no
     * longer fits) is thrown.
     */
    CopiedTable refresh(Connection target, Relation relation, PgMigrateException changed) throws SQLException {
        List<CopiedColumn> columns = new ArrayList<>();
        String notGenerated = target.getMetaData().getDatabaseMajorVersion() >= 12 ? " AND a.attgenerated = ''" : "";
        try (PreparedStatement ps = target.prepareStatement("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " a.attidentity = 'a', pg_catalog.format_type(a.atttypid, NULL)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped" + notGenerated
                + " WHERE n.nspname = ? AND c.relname = ? ORDER BY a.attnum")) {
            ps.setString(1, relation.schema());
            ps.setString(2, relation.name());
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    int typeOid = i < relation.columns().size() ? relation.columns().get(i).typeOid() : 0;
                    columns.add(new CopiedColumn(rs.getString(1), typeOid, rs.getString(2), rs.getString(4), rs.getBoolean(3)));
                }
            }
        }
        boolean same = columns.size() == relation.columns().size();
        for (int i = 0; same && i < columns.size(); i++) {
            same = columns.get(i).name().equals(relation.columns().get(i).name());
        }
        if (!same) {
            throw changed;
        }
        CopiedTable table = new CopiedTable(relation.oid(), relation.schema(), relation.name(), columns);
        byOid.put(relation.oid(), table);
        return table;
    }

    /**
     * The copied table the relation message describes, or null for a table the filter leaves out.
     *
     * @throws PgMigrateException ({@link ErrorKind#SOURCE_SCHEMA_CHANGED}) when it no longer matches the copy
     */
    CopiedTable check(Relation relation) {
        if (leftOut.contains(relation.oid())) {
            return null;
        }
        CopiedTable table = byOid.get(relation.oid());
        if (table == null) {
            throw new PgMigrateException(ErrorKind.SOURCE_SCHEMA_CHANGED, "The source sent changes of table "
                    + SqlNames.qualified(relation.schema(), relation.name()) + ", which was not copied (OID " + relation.oid()
                    + "); it must have been created or replaced during the online migration. DDL is not replicated:"
                    + " start the migration again, into a new target database, once the source's schema is settled.");
        }
        boolean sameName = table.schema().equals(relation.schema()) && table.name().equals(relation.name());
        boolean sameColumns = table.columns().size() == relation.columns().size();
        for (int i = 0; sameColumns && i < table.columns().size(); i++) {
            CopiedColumn copied = table.columns().get(i);
            PgOutputMessage.Column now = relation.columns().get(i);
            sameColumns = copied.name().equals(now.name()) && copied.typeOid() == now.typeOid();
        }
        if (!sameName || !sameColumns) {
            throw new PgMigrateException(ErrorKind.SOURCE_SCHEMA_CHANGED, "Table " + table.qualifiedName()
                    + " changed on the source during the online migration (DDL is not replicated): it was copied as "
                    + table.qualifiedName() + " (" + table.columns().stream().map(c -> SqlNames.ident(c.name()) + " " + c.typeName())
                            .collect(Collectors.joining(", ")) + ") and is now "
                    + SqlNames.qualified(relation.schema(), relation.name()) + " ("
                    + relation.columns().stream().map(c -> SqlNames.ident(c.name()) + " (type OID " + c.typeOid() + ")")
                            .collect(Collectors.joining(", "))
                    + "). The migration stopped before applying anything of that change. Start it again, into a new target"
                    + " database, and make no schema changes on the source until the cutover.");
        }
        return table;
    }
}
