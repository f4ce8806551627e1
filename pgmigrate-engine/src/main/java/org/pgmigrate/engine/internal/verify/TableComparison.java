package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.TableVerification;
import org.pgmigrate.engine.internal.copy.KeyRanges;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.copy.RowDigester;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * Compares one table on both sides by the {@link RowDigest} of its rows: the one the copy took
 * of what it read from the source when there is one, else one read of the source; then one read
 * of the target. A table whose digests differ and that has an integer key is read again in key
 * ranges on both sides, to say where the difference is.
 */
final class TableComparison {
    static final int PARTS = 16;

    private TableComparison() {}

    /**
     * @param copied the digest of the rows the copy read from the source, or null to read the source
     * @param form how to read both sides when there is no such digest
     */
    static TableVerification compare(TableData table, Connection source, Connection target, RowDigest copied, RowDigest.Form form)
            throws SQLException {
        if (!SchemaSelection.copiesRows(table)) {
            // the filter kept the table but not its rows: the target must hold none
            long targetRows = RowDigester.read(target, table.withFilter(null), null, form).rows();
            return result(table, 0, targetRows, 1, targetRows == 0 ? List.of() : List.of("all rows"));
        }
        RowDigest expected = copied != null ? copied : RowDigester.read(source, table, null, form);
        RowDigest actual = RowDigester.read(target, table, null, expected.form());
        if (expected.sameRows(actual)) {
            return result(table, expected.rows(), actual.rows(), 1, List.of());
        }
        if (table.integerKey() == null) {
            return result(table, expected.rows(), actual.rows(), 1, List.of("all rows"));
        }
        List<String> ranges = KeyRanges.split(source, table.qualifiedName(), table.integerKey(), PARTS);
        if (ranges.isEmpty()) {
            ranges = List.of(table.integerKey() + " IS NOT NULL");
        }
        List<String> differing = new ArrayList<>();
        for (String range : ranges) {
            if (!RowDigester.read(source, table, range, expected.form()).sameRows(RowDigester.read(target, table, range, expected.form()))) {
                differing.add(range);
            }
        }
        if (differing.isEmpty()) {
            // the ranges hold the same rows, so the difference is in rows outside them
            differing.add("rows outside the key ranges");
        }
        return result(table, expected.rows(), actual.rows(), ranges.size(), differing);
    }

    private static TableVerification result(TableData table, long sourceRows, long targetRows, int parts, List<String> differing) {
        return TableVerification.builder().schema(table.schema()).name(table.name())
                .sourceRows(sourceRows).targetRows(targetRows).parts(parts)
                .differingRanges(differing).equal(differing.isEmpty()).build();
    }
}
