package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.ObjectFilter;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.SqlNames;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.OwnSchema;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;

/**
 * What records the source's DDL for an online migration that replicates it: a table in schema
 * {@code pgmigrate} that the migration's publication carries, and an event trigger that writes
 * each {@code ALTER TABLE}, {@code CREATE TABLE}, {@code CREATE TABLE AS}, {@code SELECT INTO},
 * {@code CREATE INDEX} and {@code DROP INDEX} into it, with the statement's text, search path
 * and the tables (or dropped indexes) it touched, in the transaction that runs it, and adds a new
 * permanent table to the publication. The stream then brings the statement at the point where it
 * happened, and the new table's rows after it. A new table without a primary key gets
 * {@code REPLICA IDENTITY FULL} on both servers: in the publication, it could not be updated on
 * the source otherwise.
 */
final class DdlCapture {
    /** Set, for its transaction, while the trigger runs DDL of its own, which it must not record. */
    private static final String BUSY = "pgmigrate.ddl_capture_busy";

    private final Connector source;
    private final String name;
    private final String publication;
    private final ObjectFilter filter;

    DdlCapture(Connector source, ReplicationNames names, ObjectFilter filter) {
        this.source = source;
        this.name = names.ddl();
        this.publication = names.publication();
        this.filter = filter;
    }

    /** What the applier does with a recorded statement. */
    enum Decision { RUN, SKIP }

    /**
     * Whether a recorded statement runs on the target: it does when the tables it touched are
     * ones the migration carries (or, for {@code DROP INDEX}, the indexes exist on the target), is
     * skipped when none is, and stops the stream when it touched both kinds, as half of it cannot run.
     *
     * @param objects the capture row's {@code objects}: kind ({@code table} or {@code index}), schema
     *     and name, flattened; empty when unknown (the statement runs)
     */
    Decision decide(List<String> objects, String command, Connection target) throws SQLException {
        List<String> carried = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i + 2 < objects.size(); i += 3) {
            String schema = objects.get(i + 1);
            String object = objects.get(i + 2);
            boolean migrated = objects.get(i).equals("index") ? existsOnTarget(target, schema, object) : filter.takesTable(schema, object);
            (migrated ? carried : leftOut).add(SqlNames.qualified(schema, object));
        }
        if (leftOut.isEmpty()) {
            return Decision.RUN;
        }
        if (carried.isEmpty()) {
            return Decision.SKIP;
        }
        throw new PgMigrateException(ErrorKind.SOURCE_SCHEMA_CHANGED, "The source ran DDL that touches both tables the migration"
                + " carries (" + String.join(", ", carried) + ") and ones its filter leaves out (" + String.join(", ", leftOut)
                + "): " + command + ". It cannot run on the target as it is, and the migration stopped before it. Abandon the"
                + " migration and start it again; while a filtered migration replicates DDL, run such statements one table at a"
                + " time on the source.");
    }

    /** Whether the rows of a table the source sends are applied (a new table's too). */
    boolean rowsMigrated(String schema, String table) {
        return filter.takesTable(schema, table) && filter.takesTableData(schema, table);
    }

    private static boolean existsOnTarget(Connection target, String schema, String index) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code pgmigrate."<name>"}, for the publication. */
    String qualifiedTable() {
        return Sql.qualified(OwnSchema.NAME, name);
    }

    /** Whether {@code relation} is the capture table (its changes are DDL to run, not rows to copy). */
    boolean isCapture(Relation relation) {
        return OwnSchema.NAME.equals(relation.schema()) && name.equals(relation.name());
    }

    /** Creates table, function and event trigger; refused, changing nothing, without a superuser. */
    void create() throws SQLException {
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new PgMigrateException(ErrorKind.PERMISSION_DENIED, "DDL replication records the source's DDL with an event"
                            + " trigger, which only a superuser can create: connect to the source as one, or migrate without"
                            + " replicateDdl (--replicate-ddl) and make no schema changes until the cutover.");
                }
            }
            c.setAutoCommit(false);
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(OwnSchema.NAME));
            s.execute("CREATE TABLE " + qualifiedTable() + " (id bigserial PRIMARY KEY, command text NOT NULL, search_path text NOT NULL,"
                    + " objects text[] NOT NULL)");
            s.execute("CREATE FUNCTION " + qualifiedTable() + "() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER"
                    + " SET search_path = pg_catalog, pg_temp AS $pgmigrate$ " + triggerBody() + " $pgmigrate$");
            s.execute("CREATE EVENT TRIGGER " + Sql.ident(name) + " ON ddl_command_end WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE',"
                    + " 'CREATE TABLE AS', 'SELECT INTO', 'CREATE INDEX', 'DROP INDEX') EXECUTE FUNCTION " + qualifiedTable() + "()");
            s.execute("CREATE EVENT TRIGGER " + Sql.ident(dropTrigger()) + " ON sql_drop WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION "
                    + qualifiedTable() + "()");
            c.commit();
        }
    }

    private String dropTrigger() {
        return name + "_drop";
    }

    /**
     * The trigger function. At {@code sql_drop} (which comes first) it keeps the dropped indexes
     * for its transaction; at {@code ddl_command_end} it records the statement with the tables it
     * touched (an index's table for an index) or those indexes. SECURITY DEFINER: whoever runs the
     * DDL writes to the capture table through it alone. A new permanent table joins the
     * publication in the transaction that creates it, so none of its later rows is missed; the
     * rows a CREATE TABLE AS wrote come before that, and the target makes them with the statement.
     */
    private String triggerBody() {
        String add = "ALTER PUBLICATION " + Sql.ident(publication) + " ADD TABLE ONLY %s";
        return "DECLARE touched text[] := '{}'; o record; BEGIN"
                + " IF pg_catalog.current_setting('" + BUSY + "', true) = 'on' THEN RETURN; END IF;"
                + " IF TG_EVENT = 'sql_drop' THEN"
                + "   FOR o IN SELECT d.schema_name, d.object_name FROM pg_catalog.pg_event_trigger_dropped_objects() d"
                + "     WHERE d.object_type = 'index' AND d.original LOOP"
                + "     touched := touched || ARRAY['index', o.schema_name, o.object_name];"
                + "   END LOOP;"
                + "   PERFORM pg_catalog.set_config('pgmigrate.ddl_dropped', touched::text, true);"
                + "   RETURN;"
                + " END IF;"
                + " touched := coalesce(nullif(pg_catalog.current_setting('pgmigrate.ddl_dropped', true), ''), '{}')::text[];"
                + " PERFORM pg_catalog.set_config('pgmigrate.ddl_dropped', '', true);"
                + " FOR o IN SELECT DISTINCT n.nspname, t.relname FROM pg_catalog.pg_event_trigger_ddl_commands() c"
                + "   JOIN pg_catalog.pg_class r ON r.oid = c.objid LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = r.oid"
                + "   JOIN pg_catalog.pg_class t ON t.oid = coalesce(i.indrelid, r.oid) AND t.relkind IN ('r', 'p')"
                + "   JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + "   WHERE c.classid = 'pg_catalog.pg_class'::pg_catalog.regclass LOOP"
                + "   touched := touched || ARRAY['table', o.nspname, o.relname];"
                + " END LOOP;"
                + " INSERT INTO " + qualifiedTable() + " (command, search_path, objects)"
                + "   VALUES (pg_catalog.current_query(), pg_catalog.current_setting('search_path'), touched);"
                + " FOR o IN SELECT c.objid, c.object_identity, n.nspname, r.relname, r.relreplident,"
                + "   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = r.oid AND i.indisprimary) AS keyed"
                + "   FROM pg_catalog.pg_event_trigger_ddl_commands() c JOIN pg_catalog.pg_class r ON r.oid = c.objid"
                + "   JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + "   WHERE c.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') AND r.relkind = 'r'"
                + "   AND r.relpersistence = 'p' LOOP"
                // the publication's name holds only [a-z0-9_] (ReplicationNames): quoted, it fits in the literal
                + "   EXECUTE pg_catalog.format('" + add + "', o.object_identity);"
                + "   IF NOT o.keyed AND o.relreplident = 'd' THEN"
                + "     PERFORM pg_catalog.set_config('" + BUSY + "', 'on', true);"
                + "     EXECUTE pg_catalog.format('ALTER TABLE %s REPLICA IDENTITY FULL', o.object_identity);"
                + "     PERFORM pg_catalog.set_config('" + BUSY + "', '', true);"
                + "     INSERT INTO " + qualifiedTable() + " (command, search_path, objects)"
                + "       VALUES (pg_catalog.format('ALTER TABLE %s REPLICA IDENTITY FULL', o.object_identity), '',"
                + "       ARRAY['table', o.nspname, o.relname]);"
                + "   END IF;"
                + " END LOOP; END";
    }

    /**
     * Drops event trigger, function and table, whichever exist, and the schema once empty.
     *
     * @return the statements that failed, to run on the source; empty when all is gone
     */
    List<String> drop() {
        List<String> left = new ArrayList<>();
        List<String> statements = List.of("DROP EVENT TRIGGER IF EXISTS " + Sql.ident(name),
                "DROP EVENT TRIGGER IF EXISTS " + Sql.ident(dropTrigger()),
                "DROP FUNCTION IF EXISTS " + qualifiedTable() + "()", "DROP TABLE IF EXISTS " + qualifiedTable());
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    left.add("on the source: " + statement + ";");
                }
            }
            OwnSchema.dropIfEmpty(s);
        } catch (SQLException | RuntimeException e) {
            left.add("on the source: " + String.join("; ", statements) + ";");
        }
        return left;
    }
}
