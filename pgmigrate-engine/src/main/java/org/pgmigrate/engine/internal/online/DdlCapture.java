package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.OwnSchema;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;

/**
 * What records the source's DDL for an online migration that replicates it: a table in schema
 * {@code pgmigrate} that the migration's publication carries, and an event trigger that writes
 * each {@code ALTER TABLE}, {@code CREATE TABLE}, {@code CREATE INDEX} and {@code DROP INDEX}
 * into it, with the statement's text and search path, in the transaction that runs it, and adds
 * a new permanent table to the publication. The stream then brings the statement at the point
 * where it happened, and the new table's rows after it.
 */
final class DdlCapture {
    private final Connector source;
    private final String name;
    private final String publication;

    DdlCapture(Connector source, ReplicationNames names) {
        this.source = source;
        this.name = names.ddl();
        this.publication = names.publication();
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
            s.execute("CREATE TABLE " + qualifiedTable() + " (id bigserial PRIMARY KEY, command text NOT NULL, search_path text NOT NULL)");
            // SECURITY DEFINER: whoever runs the DDL may write to this table through the trigger alone. A new
            // permanent table joins the publication in the transaction that creates it, so none of its rows is missed.
            s.execute("CREATE FUNCTION " + qualifiedTable() + "() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER"
                    + " SET search_path = pg_catalog, pg_temp AS $pgmigrate$ DECLARE created record; BEGIN"
                    + " INSERT INTO " + qualifiedTable() + " (command, search_path)"
                    + " VALUES (pg_catalog.current_query(), pg_catalog.current_setting('search_path'));"
                    + " FOR created IN SELECT c.command_tag, c.object_identity FROM pg_catalog.pg_event_trigger_ddl_commands() c"
                    + "   JOIN pg_catalog.pg_class r ON r.oid = c.objid"
                    + "   WHERE c.command_tag = 'CREATE TABLE' AND r.relkind = 'r' AND r.relpersistence = 'p' LOOP"
                    // the publication's name holds only [a-z0-9_] (ReplicationNames): quoted, it fits in the literal
                    + " EXECUTE pg_catalog.format('ALTER PUBLICATION " + Sql.ident(publication) + " ADD TABLE ONLY %s',"
                    + " created.object_identity);"
                    + " END LOOP; END $pgmigrate$");
            s.execute("CREATE EVENT TRIGGER " + Sql.ident(name) + " ON ddl_command_end WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE',"
                    + " 'CREATE INDEX', 'DROP INDEX') EXECUTE FUNCTION " + qualifiedTable() + "()");
            c.commit();
        }
    }

    /**
     * Drops event trigger, function and table, whichever exist, and the schema once empty.
     *
     * @return the statements that failed, to run on the source; empty when all is gone
     */
    List<String> drop() {
        List<String> left = new ArrayList<>();
        List<String> statements = List.of("DROP EVENT TRIGGER IF EXISTS " + Sql.ident(name),
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
