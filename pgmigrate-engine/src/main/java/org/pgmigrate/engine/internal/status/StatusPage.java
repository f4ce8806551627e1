package org.pgmigrate.engine.internal.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;

/**
 * The live status page: one self-contained HTML page of a {@link RunStatus}, reloading itself
 * every two seconds while the run goes on. No script, font or style from elsewhere.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 2;

    private final StringBuilder html = new StringBuilder(4096);

    private StatusPage() {}

    static String of(RunStatus s) {
        return new StatusPage().render(s);
    }

    private String render(RunStatus s) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (s.running()) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">");
        }
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.append("<title>pgmigrate: ").append(text(s.state())).append("</title><style>").append(STYLE).append("</style></head><body>");
        html.append("<h1>pgmigrate <span class=\"state ").append(s.state()).append("\">").append(text(s.state())).append("</span></h1>");
        html.append("<p class=\"sub\">").append(text(s.mode().name().toLowerCase(Locale.ROOT))).append(" migration ")
                .append(text(s.migrationId().orElse(""))).append(", started ").append(text(s.startedAt().toString()))
                .append(s.phase().map(p -> ", phase " + p.name()).map(StatusPage::text).orElse("")).append("</p>");
        s.error().ifPresent(e -> html.append("<p class=\"error\">").append(text(e)).append("</p>"));
        summary(s);
        copyBar(s);
        inFlight(s.inFlight());
        lag(s.lagHistory());
        phases(s.phases());
        html.append("</body></html>\n");
        return html.toString();
    }

    private void summary(RunStatus s) {
        html.append("<table class=\"facts\">");
        row("elapsed", duration(s.elapsed()));
        row("tables copied", s.tablesDone() + (s.plannedTables().isPresent() ? " of " + s.plannedTables().getAsLong() : ""));
        row("rows copied", String.format(Locale.ROOT, "%,d", s.copiedRows())
                + (s.estimatedRows().isPresent() ? String.format(Locale.ROOT, " of about %,d", s.estimatedRows().getAsLong()) : ""));
        row("data copied", bytes(s.copiedBytes())
                + (s.estimatedBytes().isPresent() ? " of about " + bytes(s.estimatedBytes().getAsLong()) : ""));
        row("rate", String.format(Locale.ROOT, "%,.0f rows/s, %s/s", s.rowsPerSecond(), bytes((long) s.bytesPerSecond())));
        s.remaining().ifPresent(r -> row("copy time left", "about " + duration(r)));
        row("tables verified", s.tablesVerified() + (s.tablesDiffering() > 0 ? ", " + s.tablesDiffering() + " differing" : ""));
        row("warnings", Long.toString(s.warnings()));
        s.lag().ifPresent(l -> row("lag", duration(l.delay()) + ", " + bytes(l.bytes()) + " of WAL; "
                + String.format(Locale.ROOT, "%,d", l.appliedTransactions()) + " transactions applied"));
        html.append("</table>");
    }

    private void copyBar(RunStatus s) {
        if (s.estimatedBytes().isEmpty() || s.estimatedBytes().getAsLong() == 0) {
            return;
        }
        bar("copy", s.copiedBytes(), s.estimatedBytes().getAsLong());
    }

    private void inFlight(List<TableProgress> tables) {
        if (tables.isEmpty()) {
            return;
        }
        html.append("<h2>Copying now</h2><table class=\"tables\"><tr><th>table</th><th>rows</th><th>data</th><th>progress</th></tr>");
        for (TableProgress t : tables) {
            html.append("<tr><td>").append(text(t.qualifiedName())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,d", t.rows())).append("</td><td class=\"n\">").append(bytes(t.bytes()))
                    .append("</td><td>");
            if (t.estimatedRows().isPresent() && t.estimatedRows().getAsLong() > 0) {
                bar(t.qualifiedName(), t.rows(), t.estimatedRows().getAsLong());
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    /** The delay over the kept measurements, as a line: is it shrinking? */
    private void lag(List<ReplicationLag> history) {
        if (history.size() < 2) {
            return;
        }
        long max = Math.max(1, history.stream().mapToLong(l -> l.delay().toMillis()).max().orElse(1));
        int width = 600;
        int height = 120;
        html.append("<h2>Lag over the last ").append(duration(Duration.between(history.get(0).measuredAt(),
                history.get(history.size() - 1).measuredAt()))).append(" (highest ").append(duration(Duration.ofMillis(max)))
                .append(")</h2><svg class=\"lag\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"replication delay over time\"><polyline points=\"");
        for (int i = 0; i < history.size(); i++) {
            long x = Math.round(i * (double) width / (history.size() - 1));
            long y = height - Math.round(history.get(i).delay().toMillis() * (double) (height - 4) / max) - 2;
            html.append(x).append(',').append(y).append(' ');
        }
        html.append("\"/></svg>");
    }

    private void phases(List<PhaseResult> phases) {
        if (phases.isEmpty()) {
            return;
        }
        html.append("<h2>Phases finished</h2><table class=\"tables\">");
        for (PhaseResult p : phases) {
            row(p.phase().name(), duration(p.duration()));
        }
        html.append("</table>");
    }

    private void bar(String label, long done, long total) {
        double share = Math.min(1, done / (double) total);
        html.append("<div class=\"bar\" title=\"").append(text(label)).append("\"><div style=\"width:")
                .append(String.format(Locale.ROOT, "%.1f", share * 100)).append("%\"></div></div>");
    }

    private void row(String name, String value) {
        html.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>");
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    static String bytes(long n) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code s} safe as HTML text and attribute value. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em;color:#222}"
            + "h1{font-size:1.5em;margin:0}h2{font-size:1.1em;margin:1.5em 0 .5em}.sub{color:#666;margin-top:.2em}"
            + ".state{font-size:.7em;padding:.1em .5em;border-radius:.3em;background:#ddd;vertical-align:middle}"
            + ".state.running{background:#cde4ff}.state.completed{background:#cfeccf}.state.failed,.state.cancelled{background:#f6cccc}"
            + ".error{background:#fbeaea;border-left:4px solid #c33;padding:.5em 1em;white-space:pre-wrap}"
            + "table{border-collapse:collapse}th,td{text-align:left;padding:.2em 1em .2em 0;vertical-align:middle}"
            + ".facts th{color:#666;font-weight:normal}.tables td.n{text-align:right}.tables td{overflow-wrap:anywhere}"
            + ".bar{width:100%;min-width:8em;height:.8em;background:#eee;border-radius:.2em;margin:.5em 0}"
            + ".bar div{height:100%;background:#3a7bd5;border-radius:.2em}"
            + "svg.lag{width:100%;max-width:600px;height:120px;background:#f7f7f7}"
            + "svg.lag polyline{fill:none;stroke:#3a7bd5;stroke-width:2}"
            + "@media print{.bar div{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";
}
