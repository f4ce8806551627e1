package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Event triggers, with their tag filter, enabled state, comment and owner. They are created
 * {@link Placement#LAST}, so that none fires on the statements that build the rest of the target.
 */
final class EventTriggerReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    EventTriggerReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        catalog.query("SELECT e.oid, e.evtname, e.evtevent, pg_catalog.pg_get_userbyid(e.evtowner), e.evtfoid::pg_catalog.regproc::text,"
                + " e.evtenabled, (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(t.tag), ', ' ORDER BY t.n)"
                + "   FROM pg_catalog.unnest(e.evttags) WITH ORDINALITY AS t(tag, n))"
                + " FROM pg_catalog.pg_event_trigger e WHERE " + Dependencies.notMember("pg_event_trigger", "e.oid")
                // an online migration's own, which records the source's DDL
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace"
                + "   WHERE p.oid = e.evtfoid AND pn.nspname = 'pgmigrate')"
                + " ORDER BY e.evtname", rs -> {
                    String name = Sql.ident(rs.getString(2));
                    String target = "EVENT TRIGGER " + name;
                    Statements s = new Statements(roles).add("CREATE " + target + " ON " + Sql.ident(rs.getString(3))
                            + (rs.getString(7) == null ? "" : " WHEN TAG IN (" + rs.getString(7) + ")")
                            + " EXECUTE FUNCTION " + rs.getString(5) + "()");
                    String enabled = switch (rs.getString(6)) {
                        case "D" -> " DISABLE";
                        case "R" -> " ENABLE REPLICA";
                        case "A" -> " ENABLE ALWAYS";
                        default -> null;
                    };
                    if (enabled != null) {
                        s.add("ALTER " + target + enabled);
                    }
                    s.comment(target, catalog.comment(ObjectRef.PG_EVENT_TRIGGER, rs.getLong(1), 0)).owner(target, rs.getString(4));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_EVENT_TRIGGER, rs.getLong(1)), "event trigger", name,
                            Placement.LAST, 0, s.toList()));
                });
    }
}
