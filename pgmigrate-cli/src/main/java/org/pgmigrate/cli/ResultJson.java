package org.pgmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;

/**
 * The {@code --report} file: a {@link MigrationResult} as JSON, for scripts and CI. Its shape:
 *
 * <pre>{@code
 * {
 *   "migrationId": "string",
 *   "mode": "OFFLINE" | "ONLINE",
 *   "completed": true | false,
 *   "startedAt": "2025-01-31T10:15:30.123Z",          // ISO-8601, UTC
 *   "durationMillis": 12345,
 *   "source": {"endpoint": "string", "database": "string", "versionNumber": 170006, "majorVersion": 17,
 *              "databaseBytes": 8000000},                     // its size when the run connected, when readable
 *   "target": {"endpoint": "string", "database": "string", "versionNumber": 170006, "majorVersion": 17},
 *   "phases": [{"phase": "PREPARE", "durationMillis": 12,
 *               "startMillis": 40}, ...],                          // in the order they ran; the start since startedAt
 *   "tables": [{"schema": "public", "name": "orders", "rows": 1000, "bytes": 65536,
 *               "copyMillis": 80, "indexMillis": 15}, ...],       // every table, as the engine reported them
 *   "options": {"jobs": 4, "copyFormat": "AUTO", "verification": "FAIL_ON_DIFFERENCE",
 *               "splitTablesLargerThan": "1073741824", "maxSourceBytesPerSecond": "unlimited"},
 *   "totals": {"rows": 1000, "bytes": 65536, "tables": 1, "rowsPerSecond": 8100.0, "bytesPerSecond": 530000.0},
 *   "objects": {"table": 1, "index": 2, ...},                      // objects created on the target, per kind
 *   "warnings": [{"code": "unsupported-object", "message": "string", "objects": ["public.x"]}, ...],
 *   "timeline": [{"kind": "COPY" | "INDEX" | "CONSTRAINT" | "VERIFY", "table": "public.orders",
 *                 "part": "",                                    // the index or constraint, or the part copied
 *                 "lane": 1,                                     // the worker, 1..jobs (0: the run's own connection)
 *                 "startMillis": 500, "endMillis": 2000,         // since startedAt
 *                 "rows": 1000, "bytes": 65536}, ...],           // one per task, in the order they ended
 *   "lag": [{"measuredAt": "2025-01-31T10:15:31.123Z", "bytes": 8192, "delayMillis": 40,
 *            "appliedTransactions": 12, "appliedRows": 340}, ...],  // online runs: at most 1000, spread over the run
 *   "verification": {                                              // absent when verification was skipped
 *     "equal": true, "durationMillis": 321,
 *     "tables": [{"schema": "public", "name": "orders", "sourceRows": 1000, "targetRows": 1000,
 *                 "parts": 1, "equal": true, "differingRanges": []}, ...],
 *     "differences": [{"kind": "TABLE_DATA" | "SEQUENCE" | "SCHEMA" | "LARGE_OBJECT",
 *                      "object": "public.orders", "detail": "string"}, ...],
 *     "notes": ["string", ...]
 *   },
 *   "validation": {"outcome": "WARNING", ...},                    // with --validate: the shape of ValidationJson
 *   "roles": {"created": ["app"], "existing": [], "withoutPassword": [], "reserved": ["rds_superuser"],
 *             "memberships": ["app_ro -> app"]},                   // unless --roles none
 *   "databases": [{...}, ...],          // whole-server runs: one object of this same shape per database
 *   "error": {"kind": "CONNECTION_FAILED", "message": "string"}    // only when the migration failed
 * }
 * }</pre>
 *
 * <p>When the migration failed after it started, the fields describe what was done before the
 * failure, with {@code "completed": false} and an {@code "error"}. When it failed before it could
 * start (bad credentials, unreachable server), there is no result to describe: the report holds only
 * {@code "completed": false} and {@code "error"}; when validation failed (migrate --validate), also
 * {@code "validation"}. Fields are only ever added, never renamed.
 * Passwords never appear: endpoints and messages come from the API, which leaves them out.
 */
final class ResultJson {
    private ResultJson() {}

    /** The report of a migration that returned a result. */
    static String of(MigrationResult result) {
        return Json.write(result(result, result.completed()));
    }

    /** The report of a failed migration, with the partial result when the failure carries one. */
    static String failure(PgMigrateException failure) {
        Optional<MigrationResult> partial = failure instanceof MigrationFailedException
                ? Optional.of(((MigrationFailedException) failure).partialResult())
                : Optional.empty();
        Optional<ValidationReport> validation = failure instanceof ValidationFailedException
                ? Optional.of(((ValidationFailedException) failure).report())
                : Optional.empty();
        return failure(partial, validation, failure.kind().name(), failure.getMessage());
    }

    /** The report of a failure of any {@code kind} (an {@link org.pgmigrate.ErrorKind} name, or {@code INTERNAL}). */
    static String failure(Optional<MigrationResult> partial, String kind, String message) {
        return failure(partial, Optional.empty(), kind, message);
    }

    private static String failure(Optional<MigrationResult> partial, Optional<ValidationReport> validation, String kind, String message) {
        ObjectNode json = partial.map(r -> result(r, false)).orElseGet(() -> Json.object().put("completed", false));
        validation.ifPresent(report -> json.set("validation", ValidationJson.node(report)));
        json.set("error", error(kind, message));
        return Json.write(json);
    }

    /** {@code {"kind": ..., "message": ...}}, the error of every report that has one. */
    static ObjectNode error(String kind, String message) {
        return Json.object().put("kind", kind).put("message", message);
    }

    private static ObjectNode result(MigrationResult r, boolean completed) {
        ObjectNode json = Json.object()
                .put("migrationId", r.migrationId())
                .put("mode", r.mode().name())
                .put("completed", completed)
                .put("startedAt", r.startedAt().toString())
                .put("durationMillis", r.duration().toMillis());
        json.set("source", server(r.source()));
        json.set("target", server(r.target()));

        ArrayNode phases = json.putArray("phases");
        for (PhaseResult p : r.phases()) {
            ObjectNode phase = phases.addObject().put("phase", p.phase().name()).put("durationMillis", p.duration().toMillis());
            p.startedAt().ifPresent(start -> phase.put("startMillis", Duration.between(r.startedAt(), start).toMillis()));
        }

        ArrayNode tables = json.putArray("tables");
        for (TableResult t : r.tables()) {
            tables.addObject()
                    .put("schema", t.schema())
                    .put("name", t.name())
                    .put("rows", t.rows())
                    .put("bytes", t.bytes())
                    .put("copyMillis", t.copyDuration().toMillis())
                    .put("indexMillis", t.indexDuration().toMillis());
        }

        ObjectNode options = json.putObject("options").put("jobs", r.jobs());
        r.options().forEach(options::put);

        double seconds = Math.max(1, r.duration().toMillis()) / 1000.0;
        ObjectNode totals = json.putObject("totals")
                .put("rows", r.totalRows())
                .put("bytes", r.totalBytes())
                .put("tables", r.tables().size());
        totals.set("rowsPerSecond", Json.oneDecimal(r.totalRows() / seconds));
        totals.set("bytesPerSecond", Json.oneDecimal(r.totalBytes() / seconds));

        ObjectNode objects = json.putObject("objects");
        r.objects().forEach(objects::put);

        ArrayNode warnings = json.putArray("warnings");
        for (MigrationWarning w : r.warnings()) {
            warnings.addObject().put("code", w.code()).put("message", w.message()).set("objects", Json.strings(w.objects()));
        }

        ArrayNode timeline = json.putArray("timeline");
        for (TimelineEntry e : r.timeline()) {
            timeline.addObject().put("kind", e.kind().name()).put("table", e.table()).put("part", e.part()).put("lane", e.lane())
                    .put("startMillis", Duration.between(r.startedAt(), e.start()).toMillis())
                    .put("endMillis", Duration.between(r.startedAt(), e.end()).toMillis())
                    .put("rows", e.rows()).put("bytes", e.bytes());
        }
        ArrayNode lag = json.putArray("lag");
        for (ReplicationLag l : r.lag()) {
            lag.addObject().put("measuredAt", l.measuredAt().toString()).put("bytes", l.bytes()).put("delayMillis", l.delay().toMillis())
                    .put("appliedTransactions", l.appliedTransactions()).put("appliedRows", l.appliedRows());
        }

        r.validation().ifPresent(report -> json.set("validation", ValidationJson.node(report)));
        r.verification().ifPresent(v -> json.set("verification", verification(v)));
        r.roles().ifPresent(roles -> json.putObject("roles")
                .<ObjectNode>set("created", Json.strings(roles.created()))
                .<ObjectNode>set("existing", Json.strings(roles.existing()))
                .<ObjectNode>set("withoutPassword", Json.strings(roles.withoutPassword()))
                .<ObjectNode>set("reserved", Json.strings(roles.reserved()))
                .set("memberships", Json.strings(roles.memberships())));
        if (!r.databases().isEmpty()) {
            ArrayNode databases = json.putArray("databases");
            r.databases().forEach(database -> databases.add(result(database, database.completed())));
        }
        return json;
    }

    /** The {@code pgmigrate verify} report: the "verification" object above, on its own. */
    static String of(VerificationReport report) {
        return Json.write(verification(report));
    }

    private static ObjectNode verification(VerificationReport v) {
        ObjectNode json = Json.object().put("equal", v.equal()).put("durationMillis", v.duration().toMillis());
        ArrayNode tables = json.putArray("tables");
        for (TableVerification t : v.tables()) {
            tables.addObject().put("schema", t.schema()).put("name", t.name())
                    .put("sourceRows", t.sourceRows()).put("targetRows", t.targetRows())
                    .put("parts", t.parts()).put("equal", t.equal())
                    .set("differingRanges", Json.strings(t.differingRanges()));
        }
        ArrayNode differences = json.putArray("differences");
        for (VerificationDifference d : v.differences()) {
            differences.addObject().put("kind", d.kind().name()).put("object", d.object()).put("detail", d.detail());
        }
        json.set("notes", Json.strings(v.notes()));
        return json;
    }

    private static ObjectNode server(ServerInfo s) {
        ObjectNode json = Json.object()
                .put("endpoint", s.endpoint())
                .put("database", s.database())
                .put("versionNumber", s.versionNumber())
                .put("majorVersion", s.majorVersion());
        s.databaseBytes().ifPresent(bytes -> json.put("databaseBytes", bytes));
        return json;
    }
}
