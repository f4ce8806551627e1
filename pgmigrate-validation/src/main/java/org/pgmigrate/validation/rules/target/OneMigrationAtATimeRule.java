package org.pgmigrate.validation.rules.target;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/** No other pgmigrate run is writing into the target database (its sessions are named "pgmigrate"). */
public final class OneMigrationAtATimeRule extends ObjectsRule {
    /** The application_name of the engine's sessions. */
    static final String ENGINE_APPLICATION_NAME = "pgmigrate";

    public OneMigrationAtATimeRule() {
        super("one-migration-at-a-time", Category.TARGET_STATE, Severity.FAILED, Side.TARGET);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.target().strings("SELECT 'session ' || a.pid || coalesce(' of ' || pg_catalog.quote_ident(a.usename::text), '')"
                + " || coalesce(' from ' || host(a.client_addr), '') FROM pg_catalog.pg_stat_activity a"
                + " WHERE a.datname = pg_catalog.current_database() AND a.application_name = ? AND a.pid <> pg_catalog.pg_backend_pid()"
                + " ORDER BY a.pid", ENGINE_APPLICATION_NAME);
    }

    @Override
    protected String problem(List<String> sessions, RuleContext context) {
        return "Another pgmigrate migration is connected to the target database " + SqlNames.ident(context.target().database())
                + ": " + Names.list(sessions) + ".";
    }

    @Override
    protected String remediation(List<String> sessions, RuleContext context) {
        return "Wait for that migration to finish, or stop it (cancel it, or on the target: SELECT pg_terminate_backend(pid) for each"
                + " session) and start again into an empty database.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No other pgmigrate run is connected to the target database.";
    }
}
