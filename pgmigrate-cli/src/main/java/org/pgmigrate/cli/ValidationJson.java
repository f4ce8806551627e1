package org.pgmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return Json.write(node(report));
    }

    /** The report of a validation that could not run. */
    static String failure(PgMigrateException e) {
        return Json.write(Json.object().set("error", ResultJson.error(e.kind().name(), e.getMessage())));
    }

    /** The report as a JSON object, also the "validation" member of the migrate report. */
    static ObjectNode node(ValidationReport report) {
        ObjectNode json = Json.object()
                .put("outcome", report.outcome().name())
                .put("mode", report.mode().name())
                .put("startedAt", report.startedAt().toString())
                .put("durationMillis", report.duration().toMillis());
        json.set("source", server(report.sourceEndpoint(), report.source()));
        json.set("target", server(report.targetEndpoint(), report.target()));
        ArrayNode findings = json.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject()
                    .put("rule", f.rule())
                    .put("severity", f.severity().name())
                    .put("message", f.message())
                    .put("remediation", f.remediation())
                    .set("objects", Json.strings(f.objects()));
        }
        return json;
    }

    private static ObjectNode server(String endpoint, Optional<ServerInfo> info) {
        ObjectNode json = Json.object().put("endpoint", endpoint).put("reachable", info.isPresent());
        info.ifPresent(s -> json.put("database", s.database())
                .put("versionNumber", s.versionNumber())
                .put("majorVersion", s.majorVersion()));
        return json;
    }
}
