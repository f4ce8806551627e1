package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTest {
    @Test
    void aSynopsisWiderThanItsColumnPutsTheDescriptionOnTheNextLineAligned() {
        String help = Help.options(List.of(
                new Arguments.Option("--jobs", "N", "parallel workers\n(default: cores)"),
                new Arguments.Option("--copy-format", "auto|text|binary", "COPY format between the servers\n(default auto)")));

        assertThat(help).isEqualTo("Options:\n"
                + "  --jobs N                     parallel workers\n"
                + "                               (default: cores)\n"
                + "  --copy-format auto|text|binary\n"
                + "                               COPY format between the servers\n"
                + "                               (default auto)\n");
    }
}
