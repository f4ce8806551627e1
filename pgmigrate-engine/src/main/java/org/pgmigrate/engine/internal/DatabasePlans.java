package org.pgmigrate.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pgmigrate.DatabasePlan;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PlannedTable;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.SourceSchema;

/** Turns what a dry run read and selected into the plan the API returns. */
final class DatabasePlans {
    private DatabasePlans() {}

    static DatabasePlan of(String database, SourceSchema schema, SchemaSelection selection, Map<String, Integer> objects,
                           List<MigrationWarning> warnings, VerificationPolicy verification) {
        return DatabasePlan.builder()
                .database(database)
                .tables(schema.tables().stream().map(t -> PlannedTable.builder().schema(t.schema()).name(t.name())
                        .estimatedBytes(t.estimatedBytes()).estimatedRows(t.estimatedRows())
                        .dataIncluded(SchemaSelection.copiesRows(t)).build()).toList())
                .objects(objects)
                .excluded(selection.excluded())
                .brokenDependencies(selection.brokenDependencies())
                .warnings(warnings)
                .phases(Arrays.stream(Phase.values()).filter(p -> p != Phase.VERIFY || verification != VerificationPolicy.SKIP).toList())
                .build();
    }
}
