package org.pgmigrate.engine.internal.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * The subscriptions of the source database, carried only when asked for. As pg_dump does, each is
 * created disabled and without connecting to its publisher ({@code connect = false}), keeping its
 * connection string, publications, slot name and options: enabling it is left to the user, who must
 * first make sure the source's subscription no longer uses that slot.
 */
final class SubscriptionReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    private final boolean carried;
    private final int targetVersion;

    SubscriptionReader(Catalog catalog, TargetRoles roles, SourceSchema out, boolean carried, int targetVersion) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.carried = carried;
        this.targetVersion = targetVersion;
    }

    void read() throws SQLException {
        boolean[] readable = new boolean[2];
        catalog.query("SELECT pg_catalog.has_column_privilege('pg_catalog.pg_subscription', 'subname', 'SELECT'),"
                + " pg_catalog.has_column_privilege('pg_catalog.pg_subscription', 'subconninfo', 'SELECT')", rs -> {
                    readable[0] = rs.getBoolean(1);
                    readable[1] = rs.getBoolean(2);
                });
        if (!readable[0]) {
            out.warnings.add(MigrationWarning.of(WarningCodes.SUBSCRIPTION_NOT_MIGRATED, "The source user may not read pg_subscription, so"
                    + " pgmigrate cannot tell whether the database has subscriptions; any it has are not migrated. Migrate as a"
                    + " superuser to have them listed (and carried, when asked for).", List.of()));
            return;
        }
        if (!carried || !readable[1]) {
            List<String> names = new ArrayList<>();
            catalog.query("SELECT pg_catalog.quote_ident(s.subname), s.oid FROM pg_catalog.pg_subscription s WHERE " + thisDatabase()
                    + " ORDER BY 1", rs -> {
                        names.add(rs.getString(1));
                        // left out as a filter leaves objects out: verification does not expect it on the target
                        out.excludedObjects.add(ObjectRef.of(ObjectRef.PG_SUBSCRIPTION, rs.getLong(2)));
                    });
            if (!names.isEmpty()) {
                out.warnings.add(MigrationWarning.of(WarningCodes.SUBSCRIPTION_NOT_MIGRATED, carried
                        ? "The source user may not read the subscriptions' connection strings (pg_subscription.subconninfo needs a"
                        + " superuser), so these subscriptions are not migrated: migrate as a superuser, or create them on the target by hand."
                        : "Subscriptions are not migrated unless asked for (Migration.Builder.subscriptions(true), pgmigrate migrate"
                        + " --subscriptions): create these on the target by hand, or migrate with that option to have them created disabled.",
                        names));
            }
            return;
        }
        List<String> created = new ArrayList<>();
        catalog.query("SELECT s.oid, s.subname, pg_catalog.pg_get_userbyid(s.subowner), pg_catalog.quote_literal(s.subconninfo),"
                + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(p.name), ', ' ORDER BY p.n)"
                + "   FROM pg_catalog.unnest(s.subpublications) WITH ORDINALITY AS p(name, n)),"
                + " COALESCE(pg_catalog.quote_literal(s.subslotname::text), 'NONE'), pg_catalog.quote_literal(s.subsynccommit), " + versionedColumns()
                + " FROM pg_catalog.pg_subscription s WHERE " + thisDatabase() + " ORDER BY s.subname", rs -> {
                    String name = Sql.ident(rs.getString(2));
                    String target = "SUBSCRIPTION " + name;
                    Statements s = new Statements(roles)
                            .add("CREATE " + target + " CONNECTION " + rs.getString(4) + " PUBLICATION " + rs.getString(5)
                                    + " WITH (connect = false, slot_name = " + rs.getString(6) + options(rs) + ")")
                            .comment(target, catalog.comment(ObjectRef.PG_SUBSCRIPTION, rs.getLong(1), 0))
                            .owner(target, rs.getString(3));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_SUBSCRIPTION, rs.getLong(1)), SchemaObject.SUBSCRIPTION, name,
                            Placement.AFTER_ALL_DATA, 0, s.toList()));
                    created.add(name);
                });
        if (!created.isEmpty()) {
            out.warnings.add(MigrationWarning.of(WarningCodes.SUBSCRIPTION_DISABLED, "These subscriptions were created disabled and without"
                    + " connecting to their publishers (connect = false), keeping the source's slot names. Once the source's"
                    + " subscriptions no longer use those slots (drop them there, or disable them and run ALTER SUBSCRIPTION ... SET"
                    + " (slot_name = NONE)), enable each on the target with ALTER SUBSCRIPTION ... ENABLE, then ALTER SUBSCRIPTION ..."
                    + " REFRESH PUBLICATION.", created));
        }
    }

    private static String thisDatabase() {
        return "s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())";
    }

    /** binary, streaming, two_phase, disable_on_error, password_required, run_as_owner, origin, failover; defaults where older. */
    private String versionedColumns() {
        int v = catalog.version();
        return String.join(", ",
                v >= 140000 ? "s.subbinary" : "false",
                v >= 160000 ? "s.substream::text" : v >= 140000 ? "CASE WHEN s.substream THEN 't' ELSE 'f' END" : "'f'",
                v >= 150000 ? "s.subtwophasestate <> 'd'" : "false",
                v >= 150000 ? "s.subdisableonerr" : "false",
                v >= 160000 ? "s.subpasswordrequired" : "true",
                v >= 160000 ? "s.subrunasowner" : "false",
                v >= 160000 ? "pg_catalog.quote_literal(s.suborigin)" : "NULL",
                v >= 170000 ? "s.subfailover" : "false");
    }

    /** The options after the slot name, as pg_dump writes them: those that differ from the default. */
    private String options(ResultSet rs) throws SQLException {
        StringBuilder options = new StringBuilder();
        if (rs.getBoolean(8)) {
            options.append(", binary = true");
        }
        switch (rs.getString(9)) {
            case "t" -> options.append(", streaming = on");
            case "p" -> options.append(", streaming = parallel");
            // off is the default up to 17; 18 streams in parallel unless told not to
            default -> options.append(targetVersion >= 180000 ? ", streaming = off" : "");
        }
        if (rs.getBoolean(10)) {
            options.append(", two_phase = on");
        }
        if (rs.getBoolean(11)) {
            options.append(", disable_on_error = true");
        }
        if (!rs.getBoolean(12)) {
            options.append(", password_required = false");
        }
        if (rs.getBoolean(13)) {
            options.append(", run_as_owner = true");
        }
        if (rs.getString(14) != null && !rs.getString(14).equals("'any'")) {
            options.append(", origin = ").append(rs.getString(14));
        }
        if (rs.getBoolean(15)) {
            options.append(", failover = true");
        }
        if (!rs.getString(7).equals("'off'")) {
            options.append(", synchronous_commit = ").append(rs.getString(7));
        }
        return options.toString();
    }
}
