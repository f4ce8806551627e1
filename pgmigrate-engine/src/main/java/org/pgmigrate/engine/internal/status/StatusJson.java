package org.pgmigrate.engine.internal.status;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;

/**
 * {@code /status.json}: a {@link RunStatus} as JSON, for tools to poll. Written by hand: the
 * engine carries no JSON library for one small fixed shape. Durations are in seconds, absent
 * values are {@code null}.
 */
final class StatusJson {
    private final StringBuilder out = new StringBuilder(512);
    private boolean first = true;

    private StatusJson() {}

    static String of(RunStatus s) {
        StatusJson j = new StatusJson();
        j.open('{');
        j.field("migrationId").string(s.migrationId().orElse(null));
        j.field("mode").string(s.mode().name().toLowerCase(java.util.Locale.ROOT));
        j.field("state").string(s.state());
        j.field("phase").string(s.phase().map(Enum::name).orElse(null));
        j.field("startedAt").string(s.startedAt().toString());
        j.field("elapsedSeconds").seconds(s.elapsed());
        j.field("phasesFinished").open('[');
        for (PhaseResult p : s.phases()) {
            j.open('{');
            j.field("phase").string(p.phase().name());
            j.field("seconds").seconds(p.duration());
            j.close('}');
        }
        j.close(']');
        j.field("tables").open('{');
        j.field("planned").number(s.plannedTables());
        j.field("done").number(s.tablesDone());
        j.field("inFlight").open('[');
        for (TableProgress p : s.inFlight()) {
            j.open('{');
            j.field("table").string(p.qualifiedName());
            j.field("rows").number(p.rows());
            j.field("estimatedRows").number(p.estimatedRows());
            j.field("bytes").number(p.bytes());
            j.field("seconds").seconds(p.elapsed());
            j.close('}');
        }
        j.close(']');
        j.field("verified").number(s.tablesVerified());
        j.field("differing").number(s.tablesDiffering());
        j.close('}');
        j.field("rows").open('{');
        j.field("copied").number(s.copiedRows());
        j.field("estimated").number(s.estimatedRows());
        j.field("perSecond").number(Math.round(s.rowsPerSecond()));
        j.close('}');
        j.field("bytes").open('{');
        j.field("copied").number(s.copiedBytes());
        j.field("estimated").number(s.estimatedBytes());
        j.field("perSecond").number(Math.round(s.bytesPerSecond()));
        j.close('}');
        j.field("remainingSeconds").seconds(s.remaining().orElse(null));
        j.field("warnings").number(s.warnings());
        j.field("lag");
        Optional<ReplicationLag> lag = s.lag();
        if (lag.isEmpty()) {
            j.raw("null");
        } else {
            j.open('{');
            j.field("bytes").number(lag.get().bytes());
            j.field("delaySeconds").seconds(lag.get().delay());
            j.field("measuredAt").string(lag.get().measuredAt().toString());
            j.field("appliedTransactions").number(lag.get().appliedTransactions());
            j.field("appliedRows").number(lag.get().appliedRows());
            j.close('}');
        }
        j.field("error").string(s.error().orElse(null));
        j.close('}');
        return j.out.toString();
    }

    private StatusJson field(String name) {
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        first = true;
        return this;
    }

    private void open(char bracket) {
        separate();
        out.append(bracket);
        first = true;
    }

    private void close(char bracket) {
        out.append(bracket);
        first = false;
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
    }

    private void raw(String value) {
        separate();
        out.append(value);
        first = false;
    }

    private void number(long value) {
        raw(Long.toString(value));
    }

    private void number(OptionalLong value) {
        raw(value.isPresent() ? Long.toString(value.getAsLong()) : "null");
    }

    private void seconds(Duration d) {
        raw(d == null ? "null" : Double.toString(d.toMillis() / 1000.0));
    }

    private void string(String value) {
        if (value == null) {
            raw("null");
            return;
        }
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        raw(s.append('"').toString());
    }
}
