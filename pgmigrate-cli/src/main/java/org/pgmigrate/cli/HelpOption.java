package org.pgmigrate.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help}, mixed into every command. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, order = 100, description = "show this help and exit")
    boolean help;
}
