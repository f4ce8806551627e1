package org.pgmigrate.engine.internal.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationDifference.Kind;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.engine.internal.schema.SourceSchema;

/**
 * Compares the schemas of both sides as the engine renders them from each side's catalogs:
 * each object's definition, comment, owner and privileges. Servers of different majors print
 * some definitions differently (views, routines, triggers, rules, policies), so across majors
 * those definitions are left out and only their comment, owner and privileges are compared.
 */
final class SchemaComparison {
    private static final Set<String> RENDERED_BY_SERVER = Set.of("view", "materialized view", "function", "procedure",
            "trigger", "rule", "policy");

    private SchemaComparison() {}

    static List<VerificationDifference> compare(SourceSchema source, SourceSchema target, boolean sameMajor, List<String> notes) {
        Map<String, SchemaObject> sourceObjects = byKey(source);
        Map<String, SchemaObject> targetObjects = byKey(target);
        List<VerificationDifference> differences = new java.util.ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, SchemaObject> e : sourceObjects.entrySet()) {
            SchemaObject s = e.getValue();
            SchemaObject t = targetObjects.get(e.getKey());
            if (t == null) {
                differences.add(VerificationDifference.of(Kind.SCHEMA, s.kind() + " " + s.name(), "missing on the target"));
                continue;
            }
            boolean definitionComparable = sameMajor || !RENDERED_BY_SERVER.contains(s.kind());
            skipped += definitionComparable ? 0 : 1;
            List<String> sourceStatements = comparable(s.statements(), definitionComparable);
            List<String> targetStatements = comparable(t.statements(), definitionComparable);
            if (sourceStatements.stream().noneMatch(SchemaComparison::isOwner)) {
                // the source owner is missing on the target: already a warning, not a difference
                targetStatements = targetStatements.stream().filter(x -> !isOwner(x)).toList();
            }
            if (!sourceStatements.equals(targetStatements)) {
                differences.add(VerificationDifference.of(Kind.SCHEMA, s.kind() + " " + s.name(), s.carriesSecrets()
                        ? "differs (the statements are not shown: they may hold a password)"
                        : "differs: source has " + firstDifference(sourceStatements, targetStatements)
                                + "; target has " + firstDifference(targetStatements, sourceStatements)));
            }
        }
        for (Map.Entry<String, SchemaObject> e : targetObjects.entrySet()) {
            if (!sourceObjects.containsKey(e.getKey())) {
                differences.add(VerificationDifference.of(Kind.SCHEMA, e.getValue().kind() + " " + e.getValue().name(),
                        "exists on the target only"));
            }
        }
        if (!Objects.equals(source.databaseSettings(), target.databaseSettings())) {
            differences.add(VerificationDifference.of(Kind.SCHEMA, "database settings",
                    "source has " + source.databaseSettings() + "; target has " + target.databaseSettings()));
        }
        if (!Objects.equals(source.databaseComment(), target.databaseComment())) {
            differences.add(VerificationDifference.of(Kind.SCHEMA, "database comment",
                    "source has " + source.databaseComment() + "; target has " + target.databaseComment()));
        }
        if (skipped > 0) {
            notes.add("The definitions of " + skipped + " views, routines, triggers, rules and policies were not compared as text:"
                    + " servers of different major versions print them differently. Their owners, privileges and comments were compared.");
        }
        return differences;
    }

    private static boolean isOwner(String statement) {
        return statement.startsWith("ALTER ") && statement.contains(" OWNER TO ");
    }

    private static Map<String, SchemaObject> byKey(SourceSchema schema) {
        Map<String, SchemaObject> objects = new LinkedHashMap<>();
        for (SchemaObject o : schema.objects()) {
            SchemaObject normal = o.kind().equals("procedure") ? withoutInMode(o) : o;
            objects.merge(normal.kind() + " " + normal.name(), normal, (a, b) -> new SchemaObject(a.ref(), a.kind(), a.name(),
                    a.placement(), a.tableOid(), concat(a.statements(), b.statements())));
        }
        return objects;
    }

    /** 14 and later print the default IN mode of procedure arguments; older majors leave it out. */
    private static SchemaObject withoutInMode(SchemaObject o) {
        return new SchemaObject(o.ref(), o.kind(), IN_MODE.matcher(o.name()).replaceAll("$1"), o.placement(), o.tableOid(),
                o.statements().stream().map(s -> IN_MODE.matcher(s).replaceAll("$1")).toList());
    }

    private static final java.util.regex.Pattern IN_MODE = java.util.regex.Pattern.compile("([(,]\\s*)IN ");

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The statements to compare: all of them, or all but the definition, whitespace folded. */
    private static List<String> comparable(List<String> statements, boolean withDefinition) {
        return statements.stream().skip(withDefinition ? 0 : 1).map(s -> s.replaceAll("\\s+", " ").strip()).toList();
    }

    private static String firstDifference(List<String> mine, List<String> theirs) {
        for (String statement : mine) {
            if (!theirs.contains(statement)) {
                return abbreviate(statement);
            }
        }
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                return "in another order, statement " + (i + 1) + ": " + abbreviate(mine.get(i));
            }
        }
        return mine.size() + " statements";
    }

    private static String abbreviate(String statement) {
        return statement.length() > 300 ? statement.substring(0, 300) + "..." : statement;
    }
}
