package org.pgmigrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A strict parser for long options: {@code --name value}, {@code --name=value} and {@code --flag}.
 * Anything it does not know is an error rather than ignored, because a mistyped option silently
 * ignored during a migration (say {@code --job 8}) is worse than a refusal.
 */
final class Arguments {
    /** An option of a command; {@code valueName} is null for a flag. */
    static final class Option {
        final String name;
        final String valueName;
        final String description;

        Option(String name, String valueName, String description) {
            this.name = name;
            this.valueName = valueName;
            this.description = description;
        }

        static Option flag(String name, String description) {
            return new Option(name, null, description);
        }

        boolean takesValue() {
            return valueName != null;
        }

        /** {@code --jobs N} or {@code --verbose}, as help shows it. */
        String synopsis() {
            return takesValue() ? name + " " + valueName : name;
        }
    }

    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    /** Whether {@code args} ask for help; help wins over every other mistake on the line. */
    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static Arguments parse(List<Option> options, String[] args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageException("unexpected argument '" + Redaction.mask(arg) + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            Option option = find(options, name);
            String value;
            if (!option.takesValue()) {
                if (eq >= 0) {
                    throw new UsageException("option " + name + " takes no value");
                }
                value = "";
            } else {
                value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                // "--source --target x" means the value was forgotten, not that it is "--target".
                if (value == null || value.isEmpty() || value.startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value (" + option.valueName + ")");
                }
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException("option " + name + " given more than once");
            }
        }
        return new Arguments(values);
    }

    private static Option find(List<Option> options, String name) throws UsageException {
        Option closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (Option option : options) {
            if (option.name.equals(name)) {
                return option;
            }
            int distance = editDistance(option.name, name);
            if (distance < closestDistance) {
                closest = option;
                closestDistance = distance;
            }
        }
        String shown = Redaction.mask(name);
        if (closest != null && closestDistance <= 2) {
            throw new UsageException("unknown option '" + shown + "'; did you mean " + closest.name + "?");
        }
        throw new UsageException("unknown option '" + shown + "'");
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name, String valueName) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("missing required option " + name + " " + valueName);
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}, when the option is given. */
    OptionalInt intValue(String name, int min, int max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException("option " + name + " must be a whole number from " + min + " to " + max
                + ", not '" + Redaction.mask(value) + "'");
    }

    /** One of {@code choices}' keys, mapped to its value, when the option is given. */
    <T> Optional<T> choice(String name, Map<String, T> choices) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        T chosen = choices.get(value.toLowerCase(java.util.Locale.ROOT));
        if (chosen == null) {
            throw new UsageException("option " + name + " takes " + String.join(", ", new java.util.TreeSet<>(choices.keySet()))
                    + ", not '" + Redaction.mask(value) + "'");
        }
        return Optional.of(chosen);
    }

    /** A positive size in bytes such as {@code 500MB}, {@code 2GiB} or {@code 65536}, when the option is given. */
    java.util.OptionalLong byteSize(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return java.util.OptionalLong.empty();
        }
        java.util.regex.Matcher m = SIZE.matcher(value.trim());
        if (m.matches()) {
            String unit = m.group(2).toUpperCase(java.util.Locale.ROOT).replace("I", "").replace("B", "");
            int power = "KMGT".indexOf(unit.isEmpty() ? ' ' : unit.charAt(0)) + 1;
            java.math.BigInteger bytes = new java.math.BigInteger(m.group(1)).shiftLeft(10 * power);
            if (bytes.signum() > 0 && bytes.bitLength() < 63) {
                return java.util.OptionalLong.of(bytes.longValue());
            }
        }
        throw new UsageException("option " + name + " must be a positive size like 512MB or 2GB, not '" + Redaction.mask(value) + "'");
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(\\d{1,15})\\s*([kKmMgGtT]?[iI]?[bB]?)");

    /**
     * A file to write, checked before the migration starts: finding out that its directory is
     * missing only after an hour of copying would be a poor way to learn it.
     */
    Optional<Path> outputFile(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(value).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("option " + name + ": '" + value + "' is not a valid file name");
        }
        Path dir = file.getParent();
        if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("option " + name + ": cannot write '" + value + "' (is it a directory, or is its directory missing?)");
        }
        return Optional.of(file);
    }

    /** Levenshtein distance, to suggest the option a typo meant. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
