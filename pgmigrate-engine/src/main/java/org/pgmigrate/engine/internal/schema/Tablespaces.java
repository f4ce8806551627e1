package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.TablespaceMapping;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Where the relations of each source tablespace go on the target: the tablespace of the same
 * name, or where a {@link TablespaceMapping} sends them. A relation whose tablespace is the
 * target database's default is written without one, as the server stores it.
 */
public final class Tablespaces {
    /** Source tablespace to target tablespace, null for the target database's default. */
    private final Map<String, String> targets;
    private final String targetDefault;

    private Tablespaces(Map<String, String> targets, String targetDefault) {
        this.targets = targets;
        this.targetDefault = targetDefault;
    }

    /** For reading without a target: every tablespace keeps its name. */
    public static Tablespaces unmapped() {
        return new Tablespaces(Map.of(), null);
    }

    /**
     * Resolves the tablespaces the source's relations use against the target's.
     *
     * @param source a connection to the source database
     * @param target a connection to the target database
     * @throws PgMigrateException ({@link ErrorKind#MIGRATION_FAILED}, as for a missing extension) naming
     *     every source tablespace that would go to a tablespace the target does not have, before anything is changed
     */
    public static Tablespaces resolve(Connection source, Connection target, List<TablespaceMapping> mappings) throws SQLException {
        Map<String, List<String>> used = new LinkedHashMap<>();
        query(source, "SELECT t.spcname, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND " + SchemaFilter.userNamespace("n")
                // the indexes of constraints count (they depend on their constraint), an extension's relations do not
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + "     AND d.objid = c.oid AND d.deptype = 'e')"
                + " ORDER BY 1, 2", row -> used.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        Set<String> existing = new HashSet<>();
        String[] targetDefault = new String[1];
        query(target, "SELECT t.spcname, t.oid = (SELECT d.dattablespace FROM pg_catalog.pg_database d"
                + " WHERE d.datname = pg_catalog.current_database()) FROM pg_catalog.pg_tablespace t", row -> {
                    existing.add(row[0]);
                    if (row[1].equals("t")) {
                        targetDefault[0] = row[0];
                    }
                });
        Map<String, String> targets = new HashMap<>();
        List<String> missing = new ArrayList<>();
        used.forEach((name, relations) -> {
            String to = target(name, mappings);
            if (to != null && !existing.contains(to)) {
                missing.add(Sql.ident(name) + (to.equals(name) ? "" : " (mapped to " + Sql.ident(to) + ")") + ", used by "
                        + shortList(relations));
            }
            targets.put(name, to == null || to.equals(targetDefault[0]) ? null : to);
        });
        if (!missing.isEmpty()) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The target server has no tablespace for these tablespaces of the"
                    + " source:\n  " + String.join("\n  ", missing) + "\n" + ADVICE.replace(" it ", " them "));
        }
        return new Tablespaces(targets, targetDefault[0]);
    }

    /**
     * The tablespace to create the target database in, for the default tablespace of the source
     * database: none (null) for pg_default, which every server has, else the one of the same name
     * or where a mapping sends it.
     *
     * @param source a connection to the source database
     * @param target a connection to the target server
     * @throws PgMigrateException ({@link ErrorKind#MIGRATION_FAILED}, as for a missing extension) when the target server lacks it
     */
    public static String databaseDefault(Connection source, Connection target, List<TablespaceMapping> mappings) throws SQLException {
        String[] name = new String[1];
        query(source, "SELECT t.spcname, NULL FROM pg_catalog.pg_database d JOIN pg_catalog.pg_tablespace t ON t.oid = d.dattablespace"
                + " WHERE d.datname = pg_catalog.current_database()", row -> name[0] = row[0]);
        String to = target(name[0], mappings);
        if (to == null || to.equals("pg_default")) {
            return null;
        }
        Set<String> existing = new HashSet<>();
        query(target, "SELECT spcname, NULL FROM pg_catalog.pg_tablespace", row -> existing.add(row[0]));
        if (!existing.contains(to)) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The source database's default tablespace " + Sql.ident(name[0])
                    + (to.equals(name[0]) ? "" : " (mapped to " + Sql.ident(to) + ")") + " does not exist on the target server. " + ADVICE);
        }
        return to;
    }

    private static final String ADVICE = "Create it on the target (CREATE TABLESPACE), or map it to another tablespace or to the target"
            + " database's default: Migration.Builder.tablespaces(TablespaceMapping.map(...), TablespaceMapping.toDefault(...)), or on"
            + " the command line --tablespace-map OLD=NEW, --tablespace-default NAME|all. Nothing was changed on the target.";

    /** The target tablespace for source tablespace {@code name} as {@code mappings} say, null for the default. */
    private static String target(String name, List<TablespaceMapping> mappings) {
        Optional<TablespaceMapping> exact = mappings.stream().filter(m -> m.source().equals(Optional.of(name))).findFirst();
        Optional<TablespaceMapping> mapping = exact.or(() -> mappings.stream().filter(m -> m.source().isEmpty()).findFirst());
        return mapping.isEmpty() ? name : mapping.get().target().orElse(null);
    }

    private static String shortList(List<String> relations) {
        return relations.size() <= 5 ? String.join(", ", relations)
                : String.join(", ", relations.subList(0, 5)) + " and " + (relations.size() - 5) + " more";
    }

    /**
     * The target tablespace of a relation in source tablespace {@code source} (null: the source
     * database's default), or null when it goes to the target database's default.
     */
    public String target(String source) {
        if (source == null) {
            return null;
        }
        return targets.containsKey(source) ? targets.get(source) : source.equals(targetDefault) ? null : source;
    }

    /** {@code TABLESPACE name} for a relation in source tablespace {@code source}, with a leading space; empty for the default. */
    String clause(String source) {
        String target = target(source);
        return target == null ? "" : " TABLESPACE " + Sql.ident(target);
    }

    /**
     * The clause for a partition (not itself partitioned) in source tablespace {@code source} whose
     * parent is in {@code parent}: a partition takes its parent's tablespace unless it names one,
     * so one that lies in the default names the target database's default. (A partitioned table
     * may not name the default: a partitioned partition in the default under a parent in a
     * tablespace of its own takes its parent's.)
     */
    String partitionClause(String source, String parent) {
        String clause = clause(source);
        if (clause.isEmpty() && target(parent) != null && targetDefault != null) {
            return " TABLESPACE " + Sql.ident(targetDefault);
        }
        return clause;
    }

    /**
     * An index definition as {@code pg_get_indexdef} prints it, with {@code TABLESPACE} where the
     * grammar wants it: before the WHERE of a partial index, whose predicate {@code predicate}
     * (as {@code pg_get_expr} prints it) ends the definition.
     */
    String indexDefinition(String definition, String predicate, String source) {
        String clause = clause(source);
        if (clause.isEmpty()) {
            return definition;
        }
        if (predicate == null) {
            return definition + clause;
        }
        String where = " WHERE " + predicate;
        if (!definition.endsWith(where)) {
            throw new IllegalStateException("Index definition does not end with its predicate: " + definition);
        }
        return definition.substring(0, definition.length() - where.length()) + clause + where;
    }

    /**
     * Statements around one that creates an index as part of a constraint, which has no clause
     * of its own for it in the form the server prints: {@code default_tablespace} for the time.
     */
    List<String> aroundConstraint(String statement, String source) {
        String target = target(source);
        if (target == null) {
            return List.of(statement);
        }
        return List.of("SET default_tablespace = " + Sql.ident(target), statement, "RESET default_tablespace");
    }

    @FunctionalInterface
    private interface Row {
        void accept(String[] row);
    }

    private static void query(Connection connection, String sql, Row rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.accept(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
    }
}
