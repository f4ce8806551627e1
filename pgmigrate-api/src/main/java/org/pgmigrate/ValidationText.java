package org.pgmigrate;

import java.util.List;
import java.util.Optional;

/** Renders a {@link ValidationReport} as plain text for a terminal or a log. */
final class ValidationText {
    private static final String INDENT = "           ";

    private ValidationText() {}

    static String format(ValidationReport report) {
        StringBuilder s = new StringBuilder();
        s.append("Validation ").append(report.outcome()).append(" (").append(report.mode().name().toLowerCase())
                .append(" migration, ").append(report.duration().toMillis()).append(" ms)\n");
        s.append("  source: ").append(server(report.source(), report.sourceEndpoint())).append('\n');
        s.append("  target: ").append(server(report.target(), report.targetEndpoint())).append('\n');
        s.append("  ").append(report.findings(Severity.FAILED).size()).append(" failed, ")
                .append(report.findings(Severity.WARNING).size()).append(" warnings, ")
                .append(report.findings(Severity.SUCCEEDED).size()).append(" succeeded\n");
        for (Severity severity : List.of(Severity.FAILED, Severity.WARNING)) {
            for (Finding f : report.findings(severity)) {
                s.append('\n').append(String.format("%-10s %s%n", severity, f.rule()));
                s.append(INDENT).append(f.message().replace("\n", "\n" + INDENT)).append('\n');
                if (!f.remediation().isEmpty()) {
                    s.append(INDENT).append("Fix: ").append(f.remediation().replace("\n", "\n" + INDENT)).append('\n');
                }
            }
        }
        List<String> succeeded = report.findings(Severity.SUCCEEDED).stream().map(Finding::rule).distinct().toList();
        if (!succeeded.isEmpty()) {
            s.append("\nSucceeded: ").append(String.join(", ", succeeded)).append('\n');
        }
        return s.toString();
    }

    private static String server(Optional<ServerInfo> info, String endpoint) {
        return info.map(i -> "PostgreSQL " + version(i.versionNumber()) + ", database " + SqlNames.ident(i.database()) + " at " + endpoint)
                .orElse(endpoint + " (not reached)");
    }

    /** 170006 as 17.6, 110022 as 11.22, 90624 as 9.6.24. */
    private static String version(int number) {
        return number >= 100000 ? number / 10000 + "." + number % 10000
                : number / 10000 + "." + number / 100 % 100 + "." + number % 100;
    }
}
