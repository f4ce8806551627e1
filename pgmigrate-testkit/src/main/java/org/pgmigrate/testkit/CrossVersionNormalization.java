package org.pgmigrate.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the few properties that the server renders differently from one major to the next for
 * the same object, so that a migration to a newer major can compare equal. Each rule is narrow:
 * it touches one property of one kind, and only when it has to.
 */
final class CrossVersionNormalization {
    private static final Pattern IN_MODE = Pattern.compile("([(]|, )IN ");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern QUALIFIER = Pattern.compile("(?<![\\w$\".])((?:[A-Za-z_][\\w$]*)|(?:\"(?:[^\"]|\"\")+\"))\\.(?=[A-Za-z_\"])");

    private CrossVersionNormalization() {}

    static CatalogSnapshot normalize(CatalogSnapshot snapshot, int otherMajor) {
        Set<String> schemas = snapshot.entries().values().stream()
                .filter(e -> e.kind() == DatabaseObjectKind.SCHEMA)
                .map(CatalogEntry::name)
                .collect(Collectors.toSet());
        boolean acrossMajors = snapshot.major() != otherMajor;
        boolean across16 = Math.min(snapshot.major(), otherMajor) < 16 && Math.max(snapshot.major(), otherMajor) >= 16;
        boolean before18 = Math.min(snapshot.major(), otherMajor) < 18;
        boolean across14 = Math.min(snapshot.major(), otherMajor) < 14 && Math.max(snapshot.major(), otherMajor) >= 14;
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (CatalogEntry entry : snapshot.entries().values()) {
            Map<String, String> properties = new LinkedHashMap<>(entry.properties());
            if (before18 && entry.kind() == DatabaseObjectKind.COLUMN) {
                // Before 18 a NOT NULL has no name, flags or comment of its own, only the column's
                // not_null; 18 names those an older major's dump brings in by its default rule.
                properties.remove("not_null_constraint");
                properties.remove("not_null_comment");
            }
            properties.computeIfPresent("definition", (k, definition) -> {
                String result = definition;
                if (entry.kind() == DatabaseObjectKind.TRIGGER) {
                    // 11 prints EXECUTE PROCEDURE, 12 and later EXECUTE FUNCTION; they mean the same.
                    result = result.replace(" EXECUTE PROCEDURE ", " EXECUTE FUNCTION ");
                }
                if (across16 && (entry.kind() == DatabaseObjectKind.VIEW || entry.kind() == DatabaseObjectKind.MATERIALIZED_VIEW)) {
                    // 16 stopped qualifying column references in views that read one relation
                    // ("order_summary.total" became "total"); drop table qualifiers, keep schemas.
                    result = withoutTableQualifiers(result, schemas);
                }
                if (acrossMajors && entry.kind() == DatabaseObjectKind.PROCEDURE && Math.min(snapshot.major(), otherMajor) < 14) {
                    // 14 added OUT parameters to procedures and began printing the IN mode.
                    result = withoutInModes(result);
                }
                if (acrossMajors) {
                    // Deparsed text is laid out slightly differently by different majors.
                    result = WHITESPACE.matcher(result).replaceAll(" ").trim();
                }
                return result;
            });
            if (across14 && entry.kind() == DatabaseObjectKind.OPERATOR_CLASS) {
                // From 14 the access method ties some members of a new class to its family instead
                // (GiST all its operators); they are compared as members of the family.
                properties.remove("operators");
                properties.remove("functions");
            }
            entries.put(entry.key(), new CatalogEntry(entry.kind(), entry.name(), properties));
        }
        return new CatalogSnapshot(snapshot.major(), entries);
    }

    static String withoutInModes(String definition) {
        int endOfHeader = definition.indexOf('\n');
        String header = endOfHeader < 0 ? definition : definition.substring(0, endOfHeader);
        return IN_MODE.matcher(header).replaceAll("$1") + (endOfHeader < 0 ? "" : definition.substring(endOfHeader));
    }

    static String withoutTableQualifiers(String definition, Set<String> schemas) {
        Matcher m = QUALIFIER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(schemas.contains(m.group(1)) ? m.group() : ""));
        }
        m.appendTail(out);
        return out.toString();
    }
}
