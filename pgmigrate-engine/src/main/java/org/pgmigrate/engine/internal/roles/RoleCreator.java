package org.pgmigrate.engine.internal.roles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleReport;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the selected source roles that the target lacks, with their attributes, password
 * hashes, comments, settings and memberships. Roles the target already has are left alone.
 * Statements are never logged: they may carry password hashes.
 */
public final class RoleCreator {
    private static final Logger LOG = LoggerFactory.getLogger(RoleCreator.class);

    private final Connection target;
    private final int targetVersion;
    private final Consumer<MigrationWarning> warnings;

    public RoleCreator(Connection target, int targetVersion, Consumer<MigrationWarning> warnings) {
        this.target = target;
        this.targetVersion = targetVersion;
        this.warnings = warnings;
    }

    /** The names of the roles the server {@code connection} is connected to has. */
    public static Set<String> roleNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    public RoleReport create(SourceRoles source, Set<String> selected, RolePolicy policy) throws SQLException {
        RoleReport.Builder report = RoleReport.builder();
        report.addAllReserved(source.reserved(policy));
        Set<String> existing = roleNames(target);
        List<SourceRole> toCreate = new ArrayList<>();
        for (String name : new TreeSet<>(selected)) {
            if (existing.contains(name)) {
                report.addExisting(name);
            } else {
                toCreate.add(source.role(name));
            }
        }
        if (toCreate.isEmpty()) {
            return report.build();
        }
        boolean superuser = currentUserIs("rolsuper");
        if (!superuser && !currentUserIs("rolcreaterole")) {
            warnings.accept(MigrationWarning.of(WarningCodes.ROLES_NOT_CREATED, "The target user may not create roles, so these roles were not"
                    + " created and ownership and grants naming them are skipped: grant it CREATEROLE, or create the roles first.",
                    toCreate.stream().map(r -> Sql.ident(r.name())).toList()));
            return report.build();
        }
        List<String> attributesDropped = new ArrayList<>();
        for (SourceRole role : toCreate) {
            String attributes = attributes(role, superuser, attributesDropped);
            run("Creating role " + Sql.ident(role.name()), "CREATE ROLE " + Sql.ident(role.name()) + " WITH" + attributes
                    + (role.passwordSql() == null ? "" : " PASSWORD " + role.passwordSql()));
            if (role.commentSql() != null) {
                run("Commenting role " + Sql.ident(role.name()), "COMMENT ON ROLE " + Sql.ident(role.name()) + " IS " + role.commentSql());
            }
            for (String setting : role.settings()) {
                run("Setting a parameter of role " + Sql.ident(role.name()), "ALTER ROLE " + Sql.ident(role.name()) + setting);
            }
            report.addCreated(role.name());
            if (role.login() && role.passwordSql() == null) {
                report.addWithoutPassword(role.name());
            }
        }
        if (!attributesDropped.isEmpty()) {
            warnings.accept(MigrationWarning.of(WarningCodes.ROLE_ATTRIBUTES_DROPPED, "Only a superuser can give SUPERUSER, REPLICATION and"
                    + " BYPASSRLS; the target user is not one, so these roles were created without them: grant them with ALTER ROLE.",
                    attributesDropped));
        }
        RoleReport created = report.build();
        if (!source.passwordsRead() && !created.withoutPassword().isEmpty()) {
            warnings.accept(MigrationWarning.of(WarningCodes.ROLE_PASSWORD_NOT_READ, "The source user may not read password hashes (that needs"
                    + " a superuser), so these login roles were created without a password: set one with ALTER ROLE ... PASSWORD.",
                    created.withoutPassword().stream().map(Sql::ident).toList()));
        }
        Set<String> nowExisting = roleNames(target);
        Set<String> createdNames = new HashSet<>(created.created());
        List<String> granted = grantMemberships(source.memberships().stream()
                .filter(m -> createdNames.contains(m.member()) && nowExisting.contains(m.group()) && !policyReservedGroup(m, policy))
                .toList(), nowExisting, policy);
        return RoleReport.builder().from(created).memberships(granted).build();
    }

    /** Provider groups are not carried; predefined pg_* groups are, when the target has them. */
    private static boolean policyReservedGroup(Membership m, RolePolicy policy) {
        return policy.reserved(m.group()) && !m.group().startsWith("pg_");
    }

    private String attributes(SourceRole role, boolean superuser, List<String> dropped) {
        StringBuilder sql = new StringBuilder();
        sql.append(role.login() ? " LOGIN" : " NOLOGIN");
        sql.append(role.inherit() ? " INHERIT" : " NOINHERIT");
        sql.append(role.createDb() ? " CREATEDB" : " NOCREATEDB");
        sql.append(role.createRole() ? " CREATEROLE" : " NOCREATEROLE");
        List<String> privileged = new ArrayList<>();
        if (role.superuser()) {
            privileged.add("SUPERUSER");
        }
        if (role.replication()) {
            privileged.add("REPLICATION");
        }
        if (role.bypassRls()) {
            privileged.add("BYPASSRLS");
        }
        if (superuser) {
            privileged.forEach(p -> sql.append(' ').append(p));
        } else if (!privileged.isEmpty()) {
            dropped.add(Sql.ident(role.name()) + " (" + String.join(", ", privileged) + ")");
        }
        sql.append(" CONNECTION LIMIT ").append(role.connectionLimit());
        if (role.validUntilSql() != null) {
            sql.append(" VALID UNTIL ").append(role.validUntilSql());
        }
        return sql.toString();
    }

    /**
     * Grants memberships; from PostgreSQL 16 a grantor must itself hold ADMIN OPTION, so grants
     * are retried until no more succeed, and a grant whose grantor cannot be honoured is made by
     * the target user instead (and reported).
     */
    private List<String> grantMemberships(List<Membership> memberships, Set<String> targetRoles, RolePolicy policy) throws SQLException {
        List<Membership> pending = new ArrayList<>(memberships);
        List<String> granted = new ArrayList<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Membership m : List.copyOf(pending)) {
                boolean byGrantor = m.grantor() != null && targetRoles.contains(m.grantor()) && !policy.reserved(m.grantor());
                if (tryGrant(grant(m, byGrantor))) {
                    pending.remove(m);
                    granted.add(m.toString());
                    progress = true;
                }
            }
        }
        List<String> withoutGrantor = new ArrayList<>();
        for (Membership m : pending) {
            run("Granting role " + Sql.ident(m.group()) + " to " + Sql.ident(m.member()), grant(m, false));
            granted.add(m.toString());
            withoutGrantor.add(Sql.ident(m.group()) + " to " + Sql.ident(m.member()) + " (granted by " + Sql.ident(m.grantor()) + " on the source)");
        }
        if (!withoutGrantor.isEmpty()) {
            warnings.accept(MigrationWarning.of(WarningCodes.MEMBERSHIP_GRANTOR_CHANGED, "These memberships could not be granted by their"
                    + " original grantor on the target, so the target user granted them.", withoutGrantor));
        }
        return granted;
    }

    private String grant(Membership m, boolean byGrantor) {
        List<String> options = new ArrayList<>();
        if (targetVersion >= 160000) {
            options.add("ADMIN " + m.admin());
            if (m.inherit() != null) {
                options.add("INHERIT " + m.inherit());
                options.add("SET " + m.set());
            }
        } else if (m.admin()) {
            options.add("ADMIN OPTION");
        }
        return "GRANT " + Sql.ident(m.group()) + " TO " + Sql.ident(m.member())
                + (options.isEmpty() ? "" : " WITH " + String.join(", ", options))
                + (byGrantor ? " GRANTED BY " + Sql.ident(m.grantor()) : "");
    }

    private boolean tryGrant(String sql) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute(sql);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && (e.getSQLState().startsWith("42") || e.getSQLState().startsWith("0L"))) {
                LOG.debug("Grant deferred: {}", e.getMessage());
                return false;
            }
            throw e;
        }
    }

    private boolean currentUserIs(String attribute) throws SQLException {
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + attribute + " FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void run(String what, String sql) {
        try (Statement s = target.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, what + " on the target failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
