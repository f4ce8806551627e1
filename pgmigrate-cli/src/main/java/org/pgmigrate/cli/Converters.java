package org.pgmigrate.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.VerificationPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option value types. A converter's message is what follows "option NAME" in the usage error
 * ({@link UsageErrors}); values are echoed masked, since a misplaced URL may hold a password.
 */
final class Converters {
    /** The range {@link org.pgmigrate.MigrationRequest} accepts, checked here to name the option in the error. */
    static final int MAX_JOBS = 256;

    private Converters() {}

    /** A whole number from {@code min} to {@code max}. */
    abstract static class WholeNumber implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        WholeNumber(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw new TypeConversionException("must be a whole number from " + min + " to " + max + ", not '" + Redaction.mask(value) + "'");
        }
    }

    static final class Jobs extends WholeNumber {
        Jobs() {
            super(1, MAX_JOBS);
        }
    }

    /** A TCP port; 0 for any free one. */
    static final class Port extends WholeNumber {
        Port() {
            super(0, 65535);
        }
    }

    static final class Minutes extends WholeNumber {
        Minutes() {
            super(1, 10080);
        }
    }

    /** A positive size in bytes such as {@code 500MB}, {@code 2GiB} or {@code 65536}. */
    static final class ByteSize implements ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kKmMgGtT]?[iI]?[bB]?)");

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim());
            if (m.matches()) {
                String unit = m.group(2).toUpperCase(Locale.ROOT).replace("I", "").replace("B", "");
                int power = "KMGT".indexOf(unit.isEmpty() ? ' ' : unit.charAt(0)) + 1;
                BigInteger bytes = new BigInteger(m.group(1)).shiftLeft(10 * power);
                if (bytes.signum() > 0 && bytes.bitLength() < 63) {
                    return bytes.longValue();
                }
            }
            throw new TypeConversionException("must be a positive size like 512MB or 2GB, not '" + Redaction.mask(value) + "'");
        }
    }

    /** One of a few lower-case words, each standing for a value of the API. */
    abstract static class Choice<T> implements ITypeConverter<T> {
        private final Map<String, T> choices;

        Choice(Map<String, T> choices) {
            this.choices = choices;
        }

        @Override
        public T convert(String value) {
            T chosen = choices.get(value.toLowerCase(Locale.ROOT));
            if (chosen == null) {
                throw new TypeConversionException("takes " + String.join(", ", new TreeSet<>(choices.keySet()))
                        + ", not '" + Redaction.mask(value) + "'");
            }
            return chosen;
        }
    }

    static final class Mode extends Choice<MigrationMode> {
        Mode() {
            super(Map.of("offline", MigrationMode.OFFLINE, "online", MigrationMode.ONLINE));
        }
    }

    static final class Verification extends Choice<VerificationPolicy> {
        Verification() {
            super(Map.of("fail", VerificationPolicy.FAIL_ON_DIFFERENCE, "warn", VerificationPolicy.WARN_ON_DIFFERENCE,
                    "skip", VerificationPolicy.SKIP));
        }
    }

    static final class Format extends Choice<CopyFormat> {
        Format() {
            super(Map.of("auto", CopyFormat.AUTO, "text", CopyFormat.TEXT, "binary", CopyFormat.BINARY));
        }
    }

    static final class Roles extends Choice<RoleSelection> {
        Roles() {
            super(Map.of("needed", RoleSelection.NEEDED, "all", RoleSelection.ALL, "none", RoleSelection.NONE));
        }
    }

    /**
     * A file to write, checked before the migration starts: finding out that its directory is
     * missing only after an hour of copying would be a poor way to learn it.
     */
    static final class OutputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path file;
            try {
                file = Path.of(value).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new TypeConversionException(": '" + value + "' is not a valid file name");
            }
            Path dir = file.getParent();
            if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir)) {
                throw new TypeConversionException(": cannot write '" + value + "' (is it a directory, or is its directory missing?)");
            }
            return file;
        }
    }
}
