package org.pgmigrate.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleFunction;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TimelineEntry;

/**
 * Line charts over the run's time, as inline SVG: the copy's throughput (derived from the
 * timeline: each copy's rows and bytes spread evenly over its span) and an online run's lag.
 */
final class Charts {
    /** Time slices of the throughput chart. */
    static final int SLICES = 120;
    private static final double LABEL = TimelineSvg.LABEL;
    private static final double PLOT = TimelineSvg.PLOT;
    private static final double HEIGHT = 70;

    private Charts() {}

    /** Bytes/s and rows/s of the copies over the run, or nothing when nothing was copied. */
    static void throughput(MigrationResult result, Html html) {
        List<TimelineEntry> copies = result.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.COPY).toList();
        if (copies.isEmpty()) {
            html.element("p", "note", "No copy was recorded in this run.");
            return;
        }
        Instant start = result.startedAt();
        Instant end = copies.stream().map(TimelineEntry::end).max(Instant::compareTo).orElseThrow();
        end = end.isAfter(start.plus(result.duration())) ? end : start.plus(result.duration());
        double total = Math.max(1_000_000, Duration.between(start, end).toNanos());
        double[] bytes = new double[SLICES];
        double[] rows = new double[SLICES];
        double slice = total / SLICES;
        for (TimelineEntry e : copies) {
            double from = Duration.between(start, e.start()).toNanos();
            double to = Duration.between(start, e.end()).toNanos();
            double span = Math.max(to - from, 1);
            for (int i = Math.max(0, (int) (from / slice)); i < SLICES && i * slice <= to; i++) {
                double overlap = to == from ? 1 : Math.max(0, Math.min(to, (i + 1) * slice) - Math.max(from, i * slice)) / span;
                bytes[i] += e.bytes() * overlap;
                rows[i] += e.rows() * overlap;
                if (to == from) {
                    break;
                }
            }
        }
        double seconds = slice / 1e9;
        for (int i = 0; i < SLICES; i++) {
            bytes[i] /= seconds;
            rows[i] /= seconds;
        }
        double[] x = new double[SLICES];
        for (int i = 0; i < SLICES; i++) {
            x[i] = (i + 0.5) / SLICES;
        }
        line(html, "throughput bytes", "Bytes per second", x, bytes, v -> Units.bytes((long) v) + "/s", total);
        line(html, "throughput rows", "Rows per second", x, rows, v -> Units.count((long) v) + " rows/s", total);
        html.element("p", "note", "Each copy's rows and bytes spread evenly over its span, summed over the workers, in "
                + SLICES + " slices of " + Units.duration(Duration.ofNanos((long) slice)) + ".");
    }

    /** WAL bytes behind and delay of an online run over time; nothing for a run without lag samples. */
    static void lag(MigrationResult result, Html html) {
        List<ReplicationLag> samples = result.lag();
        Instant start = result.startedAt();
        Instant end = start.plus(result.duration());
        for (ReplicationLag l : samples) {
            end = l.measuredAt().isAfter(end) ? l.measuredAt() : end;
        }
        double total = Math.max(1_000_000, Duration.between(start, end).toNanos());
        double[] x = new double[samples.size()];
        double[] bytes = new double[samples.size()];
        double[] delay = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            ReplicationLag l = samples.get(i);
            x[i] = Math.max(0, Duration.between(start, l.measuredAt()).toNanos()) / total;
            bytes[i] = l.bytes();
            delay[i] = l.delay().toNanos() / 1e9;
        }
        line(html, "lag bytes", "WAL behind the source", x, bytes, v -> Units.bytes((long) v), total);
        line(html, "lag delay", "Delay behind the source", x, delay, v -> Units.duration(Duration.ofMillis((long) (v * 1000))), total);
        ReplicationLag last = samples.get(samples.size() - 1);
        html.element("p", "note", samples.size() + " measurements. Last: " + Units.bytes(last.bytes()) + " and "
                + Units.duration(last.delay()) + " behind; " + Units.count(last.appliedRows(), "row") + " in "
                + Units.count(last.appliedTransactions(), "transaction") + " applied by the stream.");
    }

    /** One chart: {@code x} as fractions of the run, {@code y} in the chart's unit, the axis from zero to the peak. */
    private static void line(Html html, String cls, String title, double[] x, double[] y, DoubleFunction<String> format, double totalNanos) {
        double peak = 0;
        for (double v : y) {
            peak = Math.max(peak, v);
        }
        double top = 14;
        double base = top + HEIGHT;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            double py = base - (peak <= 0 ? 0 : HEIGHT * y[i] / peak);
            points.append(Html.num(LABEL + PLOT * x[i])).append(',').append(Html.num(py)).append(' ');
        }
        html.raw("<figure class=\"chart " + cls + "\"><svg viewBox=\"0 0 " + Html.num(LABEL + PLOT + 20) + " " + Html.num(base + 16)
                        + "\" role=\"img\" aria-label=\"").escaped(title).raw("\">")
                .raw("<text class=\"title\" x=\"" + Html.num(LABEL) + "\" y=\"10\">").escaped(title + ", peak " + format.apply(peak))
                .raw("</text>")
                .raw("<text x=\"0\" y=\"" + Html.num(top + 8) + "\">").escaped(format.apply(peak)).raw("</text>")
                .raw("<text x=\"0\" y=\"" + Html.num(base) + "\">0</text>")
                .raw("<line class=\"lane\" x1=\"" + Html.num(LABEL) + "\" x2=\"" + Html.num(LABEL + PLOT) + "\" y1=\"" + Html.num(base)
                        + "\" y2=\"" + Html.num(base) + "\"/>")
                .raw("<polyline class=\"series\" points=\"" + points.toString().trim() + "\"/>");
        TimelineSvg.ticks(html, totalNanos, base + 2);
        html.raw("</svg></figure>");
    }
}
