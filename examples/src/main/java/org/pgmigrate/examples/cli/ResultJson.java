package org.pgmigrate.examples.cli;

import java.util.Map;
import java.util.Optional;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;

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
 *   "totals": {"rows": 1000, "bytes": 65536, "tables": 1},
 *   "objects": {"table": 1, "index": 2, ...},                      // objects created on the target, per kind
 *   "warnings": [{"code": "unsupported-object", "message": "string", "objects": ["public.x"]}, ...],
 *   "error": {"kind": "CONNECTION_FAILED", "message": "string"}    // only when the migration failed
 * }
 * }</pre>
 *
 * <p>When the migration failed after it started, the fields describe what was done before the
 * failure, with {@code "completed": false} and an {@code "error"}. When it failed before it could
 * start (bad credentials, unreachable server), there is no result to describe: the report holds only
 * {@code "completed": false} and {@code "error"}. Fields are only ever added, never renamed.
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
        return failure(partial, failure.kind().name(), failure.getMessage());
    }

    /** The report of a failure of any {@code kind} (an {@link org.pgmigrate.ErrorKind} name, or {@code INTERNAL}). */
    static String failure(Optional<MigrationResult> partial, String kind, String message) {
        JsonWriter json = new JsonWriter().beginObject();
        if (partial.isPresent()) {
            result(json, partial.get(), false);
        } else {
            json.field("completed", false);
        }
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

        json.name("totals").beginObject()
                .field("rows", r.totalRows())
                .field("bytes", r.totalBytes())
                .field("tables", r.tables().size())
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
