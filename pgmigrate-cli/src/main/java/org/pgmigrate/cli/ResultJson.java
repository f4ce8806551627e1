package org.pgmigrate.cli;

import java.util.Map;
import java.util.Optional;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.RoleReport;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
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
 *   "source": {"endpoint": "string", "database": "string", "versionNumber": 170006, "majorVersion": 17},
 *   "target": {"endpoint": "string", "database": "string", "versionNumber": 170006, "majorVersion": 17},
 *   "phases": [{"phase": "PREPARE", "durationMillis": 12}, ...],   // in the order they ran
 *   "tables": [{"schema": "public", "name": "orders", "rows": 1000, "bytes": 65536,
 *               "copyMillis": 80, "indexMillis": 15}, ...],       // every table, as the engine reported them
 *   "options": {"jobs": 4, "copyFormat": "AUTO", "verification": "FAIL_ON_DIFFERENCE",
 *               "splitTablesLargerThan": "1073741824", "maxSourceBytesPerSecond": "unlimited"},
 *   "totals": {"rows": 1000, "bytes": 65536, "tables": 1, "rowsPerSecond": 8100.0, "bytesPerSecond": 530000.0},
 *   "objects": {"table": 1, "index": 2, ...},                      // objects created on the target, per kind
 *   "warnings": [{"code": "unsupported-object", "message": "string", "objects": ["public.x"]}, ...],
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
        JsonWriter json = new JsonWriter().beginObject();
        result(json, result, result.completed());
        return json.endObject().toJson();
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
        JsonWriter json = new JsonWriter().beginObject();
        if (partial.isPresent()) {
            result(json, partial.get(), false);
        } else {
            json.field("completed", false);
        }
        validation.ifPresent(report -> ValidationJson.write(json.name("validation"), report));
        json.name("error").beginObject()
                .field("kind", kind)
                .field("message", message)
                .endObject();
        return json.endObject().toJson();
    }

    private static void result(JsonWriter json, MigrationResult r, boolean completed) {
        json.field("migrationId", r.migrationId())
                .field("mode", r.mode().name())
                .field("completed", completed)
                .field("startedAt", r.startedAt().toString())
                .field("durationMillis", r.duration().toMillis());
        server(json.name("source"), r.source());
        server(json.name("target"), r.target());

        json.name("phases").beginArray();
        for (PhaseResult p : r.phases()) {
            json.beginObject()
                    .field("phase", p.phase().name())
                    .field("durationMillis", p.duration().toMillis())
                    .endObject();
        }
        json.endArray();

        json.name("tables").beginArray();
        for (TableResult t : r.tables()) {
            json.beginObject()
                    .field("schema", t.schema())
                    .field("name", t.name())
                    .field("rows", t.rows())
                    .field("bytes", t.bytes())
                    .field("copyMillis", t.copyDuration().toMillis())
                    .field("indexMillis", t.indexDuration().toMillis())
                    .endObject();
        }
        json.endArray();

        json.name("options").beginObject().field("jobs", r.jobs());
        r.options().forEach(json::field);
        json.endObject();

        double seconds = Math.max(1, r.duration().toMillis()) / 1000.0;
        json.name("totals").beginObject()
                .field("rows", r.totalRows())
                .field("bytes", r.totalBytes())
                .field("tables", r.tables().size())
                .field("rowsPerSecond", r.totalRows() / seconds)
                .field("bytesPerSecond", r.totalBytes() / seconds)
                .endObject();

        json.name("objects").beginObject();
        for (Map.Entry<String, Integer> e : r.objects().entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject();

        json.name("warnings").beginArray();
        for (MigrationWarning w : r.warnings()) {
            json.beginObject().field("code", w.code()).field("message", w.message());
            json.name("objects").beginArray();
            w.objects().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();

        r.validation().ifPresent(report -> ValidationJson.write(json.name("validation"), report));
        if (r.verification().isPresent()) {
            verification(json.name("verification"), r.verification().get());
        }
        if (r.roles().isPresent()) {
            RoleReport roles = r.roles().get();
            json.name("roles").beginObject();
            strings(json, "created", roles.created());
            strings(json, "existing", roles.existing());
            strings(json, "withoutPassword", roles.withoutPassword());
            strings(json, "reserved", roles.reserved());
            strings(json, "memberships", roles.memberships());
            json.endObject();
        }
        if (!r.databases().isEmpty()) {
            json.name("databases").beginArray();
            for (MigrationResult database : r.databases()) {
                json.beginObject();
                result(json, database, database.completed());
                json.endObject();
            }
            json.endArray();
        }
    }

    private static void strings(JsonWriter json, String name, java.util.List<String> values) {
        json.name(name).beginArray();
        values.forEach(json::value);
        json.endArray();
    }

    /** The {@code pgmigrate verify} report: the "verification" object above, on its own. */
    static String of(VerificationReport report) {
        JsonWriter json = new JsonWriter();
        verification(json, report);
        return json.toJson();
    }

    private static void verification(JsonWriter json, VerificationReport v) {
        json.beginObject().field("equal", v.equal()).field("durationMillis", v.duration().toMillis());
        json.name("tables").beginArray();
        for (TableVerification t : v.tables()) {
            json.beginObject().field("schema", t.schema()).field("name", t.name())
                    .field("sourceRows", t.sourceRows()).field("targetRows", t.targetRows())
                    .field("parts", t.parts()).field("equal", t.equal());
            json.name("differingRanges").beginArray();
            t.differingRanges().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
        json.name("differences").beginArray();
        for (VerificationDifference d : v.differences()) {
            json.beginObject().field("kind", d.kind().name()).field("object", d.object()).field("detail", d.detail()).endObject();
        }
        json.endArray();
        json.name("notes").beginArray();
        v.notes().forEach(json::value);
        json.endArray().endObject();
    }

    private static void server(JsonWriter json, ServerInfo s) {
        json.beginObject()
                .field("endpoint", s.endpoint())
                .field("database", s.database())
                .field("versionNumber", s.versionNumber())
                .field("majorVersion", s.majorVersion())
                .endObject();
    }
}
