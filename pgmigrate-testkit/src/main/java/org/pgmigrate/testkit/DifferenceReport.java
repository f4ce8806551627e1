package org.pgmigrate.testkit;

import java.util.List;

/** Renders differences for a person: what is missing, what is extra, and what changed how. */
final class DifferenceReport {
    static final int DEFAULT_LIMIT = 50;
    /** Long values (view and function definitions) are cut, keeping the start of each side. */
    private static final int MAX_VALUE_LENGTH = 2000;

    private DifferenceReport() {}

    static String render(String target, String source, List<Difference> differences, int limit) {
        StringBuilder out = new StringBuilder();
        out.append("Expecting database\n  ").append(target)
                .append("\nto be equivalent to\n  ").append(source)
                .append("\nbut found ").append(differences.size()).append(differences.size() == 1 ? " difference" : " differences");
        if (differences.size() > limit) {
            out.append(" (showing the first ").append(limit).append(')');
        }
        out.append(":\n");
        for (Difference difference : differences.subList(0, Math.min(limit, differences.size()))) {
            switch (difference.kind()) {
                case MISSING_ON_TARGET -> out.append("  missing on target:    ").append(difference.key()).append('\n');
                case UNEXPECTED_ON_TARGET -> out.append("  unexpected on target: ").append(difference.key()).append('\n');
                case DIFFERENT -> renderChanged(out, difference);
            }
        }
        if (differences.size() > limit) {
            out.append("  ... and ").append(differences.size() - limit).append(" more\n");
        }
        return out.toString();
    }

    private static void renderChanged(StringBuilder out, Difference difference) {
        if (difference.key().startsWith(DatabaseObjectKind.DATA.label() + " ")) {
            String sourceRows = valueOf(difference, "rows", true);
            String targetRows = valueOf(difference, "rows", false);
            out.append("  different data:       ").append(difference.key())
                    .append(": source ").append(sourceRows).append(" rows, target ").append(targetRows).append(" rows")
                    .append(sourceRows.equals(targetRows) ? ", same count but different content" : "")
                    .append('\n');
            return;
        }
        out.append("  different:            ").append(difference.key()).append('\n');
        for (Difference.PropertyDifference p : difference.properties()) {
            out.append("      ").append(p.name()).append('\n')
                    .append("        source: ").append(show(p.source())).append('\n')
                    .append("        target: ").append(show(p.target())).append('\n');
        }
    }

    private static String valueOf(Difference difference, String property, boolean source) {
        return difference.properties().stream()
                .filter(p -> p.name().equals(property))
                .map(p -> source ? p.source() : p.target())
                .findFirst()
                .orElse("?");
    }

    private static String show(String value) {
        if (value == null) {
            return "(absent)";
        }
        String shown = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "... (" + value.length() + " characters)" : value;
        return shown.replace("\n", "\n                ");
    }
}
