package org.pgmigrate;

import java.util.Objects;

/**
 * Validation found at least one {@link Severity#FAILED} finding, so the migration did not start and
 * the target is untouched. {@link #report()} has every finding with its remediation.
 */
public class ValidationFailedException extends PgMigrateException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    public ValidationFailedException(ValidationReport report) {
        super(ErrorKind.VALIDATION_FAILED, message(report));
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The whole report, also its warnings and what succeeded. */
    public ValidationReport report() {
        return report;
    }

    private static String message(ValidationReport report) {
        StringBuilder s = new StringBuilder("Validation failed; nothing was changed on the target. Fix these and run again:");
        for (Finding f : report.findings(Severity.FAILED)) {
            s.append("\n- ").append(f.rule()).append(": ").append(f.message());
            if (!f.remediation().isEmpty()) {
                s.append(" Remediation: ").append(f.remediation());
            }
        }
        return s.toString();
    }
}
