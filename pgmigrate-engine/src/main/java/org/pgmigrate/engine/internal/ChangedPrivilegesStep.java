package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.schema.ChangedPrivileges;
import org.pgmigrate.engine.internal.schema.SourceSchema;

/**
 * Gives the extension members and system objects of the target the privileges they were given
 * on the source, once the extensions exist there; not those of an extension a filter left out, nor
 * those of system objects when a filter chooses what to migrate. An object the target does not
 * have (another major or extension version dropped or renamed it) is named in a warning instead.
 * The statements only grant and revoke, so a resumed run applies them again to the same end.
 */
final class ChangedPrivilegesStep {
    private ChangedPrivilegesStep() {}

    static void apply(Connection target, SourceSchema schema, Consumer<MigrationWarning> warnings) {
        List<String> missing = new ArrayList<>();
        for (ChangedPrivileges change : schema.changedPrivileges()) {
            if (change.extension() != null ? schema.excludes(change.extension(), null) : schema.systemPrivilegesLeftOut()) {
                continue;
            }
            if (!exists(target, change)) {
                missing.add(change.object());
                continue;
            }
            for (String sql : change.statements()) {
                StatementRunner.run(target, "Setting the privileges of " + change.object(), sql);
            }
        }
        if (!missing.isEmpty()) {
            warnings.accept(MigrationWarning.of("privileges-of-missing-object", "Objects whose privileges were changed on the source"
                    + " after initdb or CREATE EXTENSION do not exist on the target (its major or extension version does not have"
                    + " them), so their privileges were not carried; grant what their successors need by hand.", missing));
        }
    }

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
