package org.pgmigrate.cli;

import java.util.Optional;
import org.pgmigrate.Finding;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.ValidationReport;

/**
 * The {@code pgmigrate validate --report} file, and the {@code "validation"} object of the
 * migrate report: a {@link ValidationReport} as JSON. Its shape:
 *
 * <pre>{@code
 * {
 *   "outcome": "SUCCEEDED" | "WARNING" | "FAILED",
 *   "mode": "OFFLINE" | "ONLINE",
 *   "startedAt": "2025-01-31T10:15:30.123Z",                       // ISO-8601, UTC
 *   "durationMillis": 420,
 *   "source": {"endpoint": "app at jdbc:postgresql://old:5432/shop", "reachable": true,
 *              "database": "shop", "versionNumber": 110022, "majorVersion": 11},
 *   "target": {"endpoint": "app at jdbc:postgresql://new:5432/shop", "reachable": false},  // the rest only when reached
 *   "findings": [{"rule": "tables-with-oids", "severity": "SUCCEEDED" | "WARNING" | "FAILED",
 *                 "message": "string", "remediation": "string",   // remediation is "" for SUCCEEDED
 *                 "objects": ["public.t", ...]}, ...]             // in the order the rules ran
 * }
 * }</pre>
 *
 * <p>When validation could not run at all, the file holds only
 * {@code {"error": {"kind": "VALIDATION_ERROR", "message": "string"}}}. Fields are only ever
 * added, never renamed; passwords never appear.
 */
final class ValidationJson {
    private ValidationJson() {}

    static String of(ValidationReport report) {
        JsonWriter json = new JsonWriter();
        write(json, report);
        return json.toJson();
    }

    /** The report of a validation that could not run. */
    static String failure(PgMigrateException e) {
        return new JsonWriter().beginObject()
                .name("error").beginObject().field("kind", e.kind().name()).field("message", e.getMessage()).endObject()
                .endObject().toJson();
    }

    /** Writes the report as the next value of {@code json}. */
    static void write(JsonWriter json, ValidationReport report) {
        json.beginObject()
                .field("outcome", report.outcome().name())
                .field("mode", report.mode().name())
                .field("startedAt", report.startedAt().toString())
                .field("durationMillis", report.duration().toMillis());
        server(json.name("source"), report.sourceEndpoint(), report.source());
        server(json.name("target"), report.targetEndpoint(), report.target());
        json.name("findings").beginArray();
        for (Finding f : report.findings()) {
            json.beginObject()
                    .field("rule", f.rule())
                    .field("severity", f.severity().name())
                    .field("message", f.message())
                    .field("remediation", f.remediation());
            json.name("objects").beginArray();
            f.objects().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    private static void server(JsonWriter json, String endpoint, Optional<ServerInfo> info) {
        json.beginObject().field("endpoint", endpoint).field("reachable", info.isPresent());
        info.ifPresent(s -> json.field("database", s.database())
                .field("versionNumber", s.versionNumber())
                .field("majorVersion", s.majorVersion()));
        json.endObject();
    }
}
