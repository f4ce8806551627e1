package org.pgmigrate.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TimelineEntry;

/**
 * The timeline of a run as inline SVG: the phases along the top, then one lane per worker with a
 * bar per task (copy, part, index build, constraint, verification), each with a title that
 * browsers show on hover and that names the object, its rows, bytes and duration.
 *
 * <p>Large runs: when a run has more than {@value #MERGE_ABOVE} tasks, a task narrower than a
 * thousandth of the run is merged with the narrow tasks next to it on its lane into one grey bar
 * (its title counts them and names the first few). A lane then holds at most about two thousand
 * bars whatever the number of tables, and the page stays a few megabytes for 10,000 tables.
 */
final class TimelineSvg {
    static final int MERGE_ABOVE = 2000;
    /** Width of the labels left of a chart, and of its plot, in SVG units. */
    static final double LABEL = 70;
    static final double PLOT = 1000;
    private static final double WIDTH = LABEL + PLOT + 20;
    private static final double PHASES = 18;
    private static final double LANE = 20;
    private static final double BAR = 15;
    private static final double MIN_BAR = 0.4;
    private static final int NAMED_IN_MERGED = 8;

    private final Instant start;
    private final double totalNanos;

    private TimelineSvg(MigrationResult result) {
        this.start = result.startedAt();
        Instant end = result.startedAt().plus(result.duration());
        for (TimelineEntry e : result.timeline()) {
            end = e.end().isAfter(end) ? e.end() : end;
        }
        this.totalNanos = Math.max(1_000_000, Duration.between(start, end).toNanos());
    }

    /** The timeline's figure and its note, or a note that there is none. */
    static void draw(MigrationResult result, Html html) {
        if (result.timeline().isEmpty()) {
            html.element("p", "note", "No task was recorded in this run (a resumed run records only what it did itself).");
            return;
        }
        new TimelineSvg(result).figure(result, html);
    }

    private void figure(MigrationResult result, Html html) {
        List<TimelineEntry> entries = result.timeline();
        TreeSet<Integer> lanes = new TreeSet<>();
        int maxLane = Math.max(result.jobs(), entries.stream().mapToInt(TimelineEntry::lane).max().orElse(0));
        for (int lane = 1; lane <= maxLane; lane++) {
            lanes.add(lane);
        }
        entries.stream().filter(e -> e.lane() == 0).findAny().ifPresent(e -> lanes.add(0));
        Map<Integer, Integer> row = new TreeMap<>();
        lanes.forEach(lane -> row.put(lane, row.size()));
        double lanesTop = PHASES + 6;
        double axis = lanesTop + lanes.size() * LANE + 4;
        double height = axis + 14;
        html.raw("<figure class=\"timeline\"><svg viewBox=\"0 0 " + Html.num(WIDTH) + " " + Html.num(height)
                + "\" role=\"img\" aria-label=\"Timeline of the run's tasks per worker\">");
        phases(result.phases(), html, axis);
        for (int lane : lanes) {
            double y = lanesTop + row.get(lane) * LANE;
            html.raw("<text x=\"0\" y=\"" + Html.num(y + BAR / 2 + 3.5) + "\">").escaped(lane == 0 ? "main" : "worker " + lane).raw("</text>");
            html.raw("<line class=\"lane\" x1=\"" + Html.num(LABEL) + "\" x2=\"" + Html.num(LABEL + PLOT) + "\" y1=\"" + Html.num(y + LANE - 2)
                    + "\" y2=\"" + Html.num(y + LANE - 2) + "\"/>");
        }
        boolean merging = entries.size() > MERGE_ABOVE;
        Map<Integer, List<TimelineEntry>> byLane = entries.stream().collect(Collectors.groupingBy(TimelineEntry::lane, TreeMap::new,
                Collectors.toList()));
        byLane.forEach((lane, tasks) -> {
            double y = lanesTop + row.get(lane) * LANE;
            tasks.sort(Comparator.comparing(TimelineEntry::start));
            List<TimelineEntry> narrow = new ArrayList<>();
            for (TimelineEntry e : tasks) {
                boolean small = merging && width(e) < 1;
                if (!narrow.isEmpty() && (!small || x(e.start()) - x(narrow.get(narrow.size() - 1).end()) >= 1)) {
                    merged(narrow, y, html);
                    narrow.clear();
                }
                if (small) {
                    narrow.add(e);
                } else {
                    bar(e, y, html);
                }
            }
            if (!narrow.isEmpty()) {
                merged(narrow, y, html);
            }
        });
        ticks(html, totalNanos, axis);
        html.raw("</svg><figcaption>");
        legend(html);
        html.raw("</figcaption></figure>");
        TimelineEntry last = entries.stream().max(Comparator.comparing(TimelineEntry::end)).orElseThrow();
        html.element("p", "note", "The last task to end: " + describe(last) + ", on " + (last.lane() == 0 ? "the main connection" : "worker "
                + last.lane()) + ", " + Units.duration(Duration.between(start, last.end())) + " after the start. "
                + entries.size() + " tasks; hover over a bar for its object, rows, bytes and duration."
                + (merging ? " Tasks shorter than a thousandth of the run are merged, per worker, into one grey bar per stretch of them"
                        + " (more than " + MERGE_ABOVE + " tasks)." : ""));
    }

    private double x(Instant t) {
        return LABEL + PLOT * Duration.between(start, t).toNanos() / totalNanos;
    }

    private double width(TimelineEntry e) {
        return PLOT * e.duration().toNanos() / totalNanos;
    }

    private void phases(List<PhaseResult> phases, Html html, double bottom) {
        Instant at = start;
        int i = 0;
        for (PhaseResult p : phases) {
            // a result built without start instants: the phases one after the other from the run's start
            at = p.startedAt().orElse(at);
            double x = x(at);
            double w = PLOT * p.duration().toNanos() / totalNanos;
            html.raw("<g class=\"phase\"><rect class=\"phase" + (i++ % 2) + "\" x=\"" + Html.num(x) + "\" y=\"0\" width=\""
                    + Html.num(Math.max(MIN_BAR, w)) + "\" height=\"" + Html.num(PHASES) + "\"><title>")
                    .escaped(p.phase().name() + ": " + Units.duration(p.duration()) + ", from " + Units.duration(Duration.between(start, at)))
                    .raw("</title></rect>");
            String label = p.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (w > label.length() * 5.5 + 4) {
                html.raw("<text x=\"" + Html.num(x + 3) + "\" y=\"13\">").escaped(label).raw("</text>");
            }
            html.raw("<line class=\"boundary\" x1=\"" + Html.num(x) + "\" x2=\"" + Html.num(x) + "\" y1=\"0\" y2=\"" + Html.num(bottom)
                    + "\"/></g>");
            at = at.plus(p.duration());
        }
    }

    private void bar(TimelineEntry e, double y, Html html) {
        html.raw("<rect class=\"bar " + kind(e) + "\" data-kind=\"" + kind(e) + "\" data-table=\"").escaped(e.table())
                .raw("\" x=\"" + Html.num(x(e.start())) + "\" y=\"" + Html.num(y) + "\" width=\"" + Html.num(Math.max(MIN_BAR, width(e)))
                        + "\" height=\"" + Html.num(BAR) + "\"><title>")
                .escaped(describe(e) + "\n" + span(e.start(), e.end()) + (e.kind() == TimelineEntry.Kind.COPY || e.rows() > 0
                        ? "\n" + Units.count(e.rows(), "row") + (e.bytes() > 0 ? ", " + Units.bytes(e.bytes()) : "") : ""))
                .raw("</title></rect>");
    }

    private void merged(List<TimelineEntry> tasks, double y, Html html) {
        Instant from = tasks.get(0).start();
        Instant to = tasks.stream().map(TimelineEntry::end).max(Comparator.naturalOrder()).orElseThrow();
        Map<TimelineEntry.Kind, Long> kinds = tasks.stream().collect(Collectors.groupingBy(TimelineEntry::kind, TreeMap::new,
                Collectors.counting()));
        String counts = kinds.entrySet().stream().map(k -> k.getValue() + " " + kindName(k.getKey()).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        String named = tasks.stream().limit(NAMED_IN_MERGED).map(TimelineSvg::describe).collect(Collectors.joining("\n"))
                + (tasks.size() > NAMED_IN_MERGED ? "\nand " + (tasks.size() - NAMED_IN_MERGED) + " more" : "");
        html.raw("<rect class=\"bar merged\" data-kind=\"merged\" data-tasks=\"" + tasks.size() + "\" x=\"" + Html.num(x(from)) + "\" y=\""
                        + Html.num(y) + "\" width=\"" + Html.num(Math.max(MIN_BAR, x(to) - x(from))) + "\" height=\"" + Html.num(BAR) + "\"><title>")
                .escaped(tasks.size() + " short tasks (" + counts + ")\n" + span(from, to) + "\n"
                        + Units.count(tasks.stream().mapToLong(TimelineEntry::rows).sum(), "row") + ", "
                        + Units.bytes(tasks.stream().mapToLong(TimelineEntry::bytes).sum()) + "\n" + named)
                .raw("</title></rect>");
    }

    private String span(Instant from, Instant to) {
        return Units.duration(Duration.between(start, from)) + " to " + Units.duration(Duration.between(start, to)) + " ("
                + Units.duration(Duration.between(from, to)) + ")";
    }

    /** Time labels under a chart of {@code totalNanos}: about eight, at round durations. */
    static void ticks(Html html, double totalNanos, double y) {
        double seconds = totalNanos / 1e9;
        double step = niceStep(seconds / 8);
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            html.raw("<text class=\"tick\" x=\"" + Html.num(LABEL + PLOT * t / seconds) + "\" y=\"" + Html.num(y + 10) + "\">")
                    .escaped(Units.duration(Duration.ofNanos((long) (t * 1e9)))).raw("</text>");
        }
    }

    /** A step of 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static void legend(Html html) {
        for (TimelineEntry.Kind kind : TimelineEntry.Kind.values()) {
            html.raw("<span class=\"key " + kind.name().toLowerCase(Locale.ROOT) + "\"></span>").escaped(kindName(kind)).raw(" ");
        }
        html.raw("<span class=\"key merged\"></span>").escaped("Short tasks merged");
    }

    private static String kind(TimelineEntry e) {
        return e.kind().name().toLowerCase(Locale.ROOT);
    }

    static String kindName(TimelineEntry.Kind kind) {
        return switch (kind) {
            case COPY -> "Copy";
            case INDEX -> "Index build";
            case CONSTRAINT -> "Constraint";
            case VERIFY -> "Verification";
        };
    }

    static String describe(TimelineEntry e) {
        return switch (e.kind()) {
            case COPY -> "Copy of " + e.table() + (e.part().isEmpty() ? "" : " (part " + e.part() + ")");
            case INDEX -> "Index build of " + e.part() + " on " + e.table();
            case CONSTRAINT -> "Constraint " + e.part();
            case VERIFY -> e.table().isEmpty() ? "Verification: reading the " + e.part()
                    : "Verification of " + e.table() + (e.part().isEmpty() ? "" : " (part " + e.part() + ")");
        };
    }
}
