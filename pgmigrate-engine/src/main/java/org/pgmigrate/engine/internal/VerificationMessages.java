package org.pgmigrate.engine.internal;

import java.util.stream.Collectors;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;

/** Words for a verification that found differences. */
final class VerificationMessages {
    private static final int LISTED = 10;

    private VerificationMessages() {}

    static String summary(VerificationReport report) {
        int count = report.differences().size();
        String listed = report.differences().stream().limit(LISTED).map(VerificationDifference::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        return "Verification found " + count + " difference" + (count == 1 ? "" : "s") + " between target and source:" + listed
                + (count > LISTED ? "\n  ... and " + (count - LISTED) + " more" : "");
    }
}
