package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.schema.ChangedPrivileges;
import org.pgmigrate.engine.internal.schema.SourceSchema;

/**
 * Gives the extension members and system objects of the target the privileges they were given
 * on the source, once the extensions exist there; not those of an extension a filter left out, nor
 * those of system objects when a filter chooses what to migrate. An object the target does not
 * have (another major or extension version dropped or renamed it) is named in a warning instead,
 * and so is a statement the target user may not run (only a superuser may change the privileges
 * of most system objects). The statements only grant and revoke, so a resumed run applies them
 * again to the same end.
 */
final class ChangedPrivilegesStep {
    private ChangedPrivilegesStep() {}

    static void apply(Connection target, SourceSchema schema, Consumer<MigrationWarning> warnings) {
        List<String> missing = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (ChangedPrivileges change : schema.changedPrivileges()) {
            if (change.extension() != null ? schema.excludes(change.extension(), null) : schema.systemPrivilegesLeftOut()) {
                continue;
            }
            if (!exists(target, change)) {
                missing.add(change.object());
                continue;
            }
            for (String sql : change.statements()) {
                String reason = run(target, change, sql);
                if (reason != null) {
                    refused.add(sql + " (" + reason + ")");
                }
            }
        }
        if (!refused.isEmpty()) {
            warnings.accept(MigrationWarning.of(WarningCodes.PRIVILEGES_NOT_SET, "The target user may not change the privileges of these"
                    + " system or extension objects as the source has them; run these as a superuser.", refused));
        }
        if (!missing.isEmpty()) {
            warnings.accept(MigrationWarning.of(WarningCodes.PRIVILEGES_OF_MISSING_OBJECT, "Objects whose privileges were changed on the source"
                    + " after initdb or CREATE EXTENSION do not exist on the target (its major or extension version does not have"
                    + " them), so their privileges were not carried; grant what their successors need by hand.", missing));
        }
    }

    /**
     * Runs one statement; returns null, or why the server did not do it: refused for lack of
     * privilege, or done in part only (a REVOKE by a role that may not revoke only warns).
     */
    private static String run(Connection target, ChangedPrivileges change, String sql) {
        try (Statement s = target.createStatement()) {
            s.execute(sql);
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                if (NOT_GRANTED_OR_REVOKED.contains(w.getSQLState())) {
                    return w.getMessage();
                }
            }
            return null;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return e.getMessage();
            }
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Setting the privileges of " + change.object() + " on the target failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")\nStatement: " + sql, e);
        }
    }

    /** privilege_not_granted, privilege_not_revoked. */
    private static final Set<String> NOT_GRANTED_OR_REVOKED = Set.of("01007", "01006");

    private static boolean exists(Connection target, ChangedPrivileges change) {
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT " + change.existsSql())) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            if ("42704".equals(e.getSQLState())) {
                return false; // before 16, to_regprocedure() fails on an argument type the server does not have
            }
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Looking for " + change.object() + " on the target failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
