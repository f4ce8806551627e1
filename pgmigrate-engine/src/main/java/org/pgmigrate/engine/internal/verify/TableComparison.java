package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.TableVerification;
import org.pgmigrate.engine.internal.copy.KeyRanges;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * Compares one table on both sides. A table with an integer key and more rows than the part
 * size is compared in key ranges from the start; any other table as a whole, and split into
 * ranges only to locate a difference.
 */
final class TableComparison {
    static final int PARTS = 16;

    private final long partRows;

    TableComparison(long partRows) {
        this.partRows = partRows;
    }

    /** @param inUtf8 hash rows in UTF-8 (the databases' encodings differ) */
    TableVerification compare(TableData table, Connection source, Connection target, boolean inUtf8) throws SQLException {
        if (!SchemaSelection.copiesRows(table)) {
            // the filter kept the table but not its rows: the target must hold none
            long targetRows = Checksum.of(target, table.withFilter(null), null, inUtf8).rows();
            return result(table, 0, targetRows, 1, targetRows == 0 ? List.of() : List.of("all rows"));
        }
        boolean large = table.integerKey() != null && table.estimatedRows() > partRows;
        if (!large) {
            Checksum s = Checksum.of(source, table, null, inUtf8);
            Checksum t = Checksum.of(target, table, null, inUtf8);
            if (s.equals(t) || table.integerKey() == null) {
                return result(table, s.rows(), t.rows(), 1, s.equals(t) ? List.of() : List.of("all rows"));
            }
        }
        List<String> ranges = KeyRanges.split(source, table.qualifiedName(), table.integerKey(), PARTS);
        if (ranges.isEmpty()) {
            ranges = List.of(table.integerKey() + " IS NOT NULL");
        }
        long sourceRows = 0;
        long targetRows = 0;
        List<String> differing = new ArrayList<>();
        for (String range : ranges) {
            Checksum s = Checksum.of(source, table, range, inUtf8);
            Checksum t = Checksum.of(target, table, range, inUtf8);
            sourceRows += s.rows();
            targetRows += t.rows();
            if (!s.equals(t)) {
                differing.add(range);
            }
        }
        return result(table, sourceRows, targetRows, ranges.size(), differing);
    }

    private static TableVerification result(TableData table, long sourceRows, long targetRows, int parts, List<String> differing) {
        return TableVerification.builder().schema(table.schema()).name(table.name())
                .sourceRows(sourceRows).targetRows(targetRows).parts(parts)
                .differingRanges(differing).equal(differing.isEmpty()).build();
    }
}
