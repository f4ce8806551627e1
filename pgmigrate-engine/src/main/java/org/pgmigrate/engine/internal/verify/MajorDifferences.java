package org.pgmigrate.engine.internal.verify;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What makes the facts of one major comparable with those of another: definitions printed
 * differently, privileges and constraints that a newer major has by itself. Each rule is narrow,
 * and none applies between servers of the same major, where everything is compared as it is.
 */
final class MajorDifferences {
    /** Properties that hold definitions the server prints from expression trees. */
    private static final Set<String> PRINTED = Set.of("definition", "adbin", "conbin", "polqual", "polwithcheck", "relpartbound",
            "partexprs", "prosqlbody", "proargdefaults", "prqual");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern STATISTICS_KINDS = Pattern.compile(" \\((?:ndistinct|dependencies|mcv)(?:, (?:ndistinct|dependencies|mcv))*\\) ON ");
    private static final Pattern KEYWORD_QUOTES = Pattern.compile("\"([a-z_][a-z0-9_$]*)\"");
    private static final Pattern FETCH_FIRST = Pattern.compile("FETCH FIRST \\((.+?)\\) ROWS");
    private static final Pattern IN_MODE = Pattern.compile("(^|, )IN ");
    private static final Pattern QUALIFIER = Pattern.compile(
            "(?<![\\w$\".])((?:[A-Za-z_][\\w$]*)|(?:\"(?:[^\"]|\"\")+\"))\\.(?=[A-Za-z_\"])");

    private static final String SYSTEM_FUNCTION = "function pg_catalog.";
    private static final String MAINTAIN = FactQuery.FIELD + "MAINTAIN" + FactQuery.FIELD;

    private final boolean acrossMajors;
    private final int older;
    private final int newer;
    private final Set<String> schemas;

    MajorDifferences(CatalogFacts source, CatalogFacts target) {
        this.acrossMajors = source.major() != target.major();
        this.older = Math.min(source.major(), target.major());
        this.newer = Math.max(source.major(), target.major());
        this.schemas = source.facts().values().stream().filter(f -> f.key().startsWith("pg_namespace: "))
                .map(f -> f.object().substring(f.object().indexOf(' ') + 1)).collect(Collectors.toSet());
    }

    private static String value(Fact fact, String property) {
        Fact.Property p = fact.properties().get(property);
        return p == null ? null : p.value();
    }

    /** The key a fact is matched by: the same object's identity is spelled alike by both majors. */
    String key(Fact fact) {
        if (!acrossMajors) {
            return fact.key();
        }
        // before 12, pg_identify_object names a transform "for type on language lang" (and so its comment's key)
        String key = fact.key().contains(": transform for ") ? fact.key().replace(" on language ", " language ") : fact.key();
        return names(key);
    }

    /**
     * Names as either major spells them: 18 prints json without its schema, and quotes a column
     * named json (a keyword since); so built-in names lose pg_catalog and a name that needs no
     * quotes but for being a keyword loses them, on both sides.
     */
    private static String names(String text) {
        return KEYWORD_QUOTES.matcher(text.replace("pg_catalog.", "")).replaceAll("$1");
    }

    /**
     * Whether a fact is compared at all. Across majors, the foreign keys the server clones for
     * partitions are not: majors clone differently (12 began cloning for referenced partitions,
     * 15 changed a partitioned table that references itself); the original is compared.
     */
    boolean compares(Fact fact) {
        if (!acrossMajors) {
            return true;
        }
        return !(fact.key().startsWith("pg_constraint: ") && "f".equals(value(fact, "contype")) && value(fact, "conparentid") != null);
    }

    /** {@code value} of property {@code property} of {@code fact} of {@code catalog}, made comparable across majors. */
    String normalize(String catalog, String property, String value, Fact fact) {
        if (!acrossMajors) {
            return value;
        }
        if (catalog.equals("pg_collation") && (property.equals("collcollate") || property.equals("collctype"))
                && "i".equals(value(fact, "collprovider")) && older < 15 && newer >= 15) {
            // 15 moved an ICU collation's locale from collcollate and collctype to a column of its own (renamed in 17)
            String locale = value(fact, "colllocale") != null ? value(fact, "colllocale") : value(fact, "colliculocale");
            return locale != null ? locale : value;
        }
        if (value == null) {
            return null;
        }
        if (value.startsWith(SYSTEM_FUNCTION)) {
            // a built-in function may take other arguments in another major (conversion functions gained one in 14)
            return names(value.substring(0, value.indexOf('(') < 0 ? value.length() : value.indexOf('(')));
        }
        value = names(value);
        if (catalog.equals("pg_class") && ((older < 12 && property.equals("relam"))
                || (older < 14 && property.equals("reltype") && "S".equals(value(fact, "relkind"))))) {
            // 11 has no table access methods (12 gives tables heap); before 14 sequences have a row type
            return null;
        }
        if (catalog.equals("pg_class") && property.equals("relpersistence") && "p".equals(value(fact, "relkind")) && older < 18 && newer >= 18) {
            // 18 refuses UNLOGGED on a partitioned table, where it never did anything
            return null;
        }
        if (catalog.equals("pg_attribute") && property.equals("attidentity") && older < 17 && newer >= 17) {
            // 17 gives the partitions of a partitioned table its identity columns
            return "";
        }
        if (older < 17 && newer >= 17 && value.contains(MAINTAIN)) {
            // 17's MAINTAIN privilege, which an older source cannot have granted
            return String.join(FactQuery.ITEM, java.util.Arrays.stream(value.split(FactQuery.ITEM, -1))
                    .filter(item -> !item.contains(MAINTAIN)).toList());
        }
        if (!PRINTED.contains(property)) {
            return value;
        }
        String result = value;
        if (catalog.equals("pg_trigger")) {
            // 11 prints EXECUTE PROCEDURE, 12 and later EXECUTE FUNCTION; they mean the same
            result = result.replace(" EXECUTE PROCEDURE ", " EXECUTE FUNCTION ");
        }
        if (catalog.equals("pg_statistic_ext")) {
            // the kinds are compared on their own; a major prints them only when they are not all of its own
            result = STATISTICS_KINDS.matcher(result).replaceFirst(" ON ");
        }
        if (catalog.equals("pg_proc") && property.equals("proargdefaults")) {
            // 14 began printing the IN mode of procedures' arguments
            result = IN_MODE.matcher(result).replaceAll("$1");
        }
        if (catalog.equals("pg_rewrite")) {
            // 14 began parenthesising the count of FETCH FIRST ... WITH TIES: drop its parentheses, all of them
            for (String before = null; !result.equals(before); ) {
                before = result;
                result = FETCH_FIRST.matcher(result).replaceAll("FETCH FIRST $1 ROWS");
            }
        }
        if (catalog.equals("pg_rewrite") && older < 16 && newer >= 16) {
            // 16 stopped qualifying the columns of a view that reads one relation with the relation's name
            result = withoutRelationQualifiers(result);
        }
        return WHITESPACE.matcher(result).replaceAll(" ").strip();
    }

    /**
     * Whether a fact of the target, missing on the source, is one the target's major made by
     * itself: 18 keeps NOT NULL as constraints, named by the server.
     */
    boolean madeByTarget(Fact targetFact, int sourceMajor) {
        return sourceMajor < 18 && targetFact.key().startsWith("pg_constraint: ") && "n".equals(value(targetFact, "contype"));
    }

    private String withoutRelationQualifiers(String definition) {
        Matcher m = QUALIFIER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(schemas.contains(m.group(1)) ? m.group() : ""));
        }
        m.appendTail(out);
        return out.toString();
    }
}
