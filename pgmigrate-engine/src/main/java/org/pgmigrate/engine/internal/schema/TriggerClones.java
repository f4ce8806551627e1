package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/**
 * The clones of a partitioned table's trigger on its partitions, which the server makes when the
 * trigger is created, and whose firing state each partition may change on its own
 * ({@code ALTER TABLE partition DISABLE TRIGGER t}).
 */
final class TriggerClones {
    private final Map<Long, List<Clone>> byParent = new HashMap<>();

    private record Clone(long oid, long table, String name, String state, String parentState) {}

    private TriggerClones() {}

    /**
     * Reads every clone with the trigger it was made from: through pg_depend, which links them on
     * every major (internal triggers before 13, marked by tgparentid from 13 on).
     */
    static TriggerClones read(Catalog catalog) throws SQLException {
        TriggerClones clones = new TriggerClones();
        catalog.query("SELECT t.oid, d.refobjid, t.tgrelid, t.tgname, t.tgenabled, p.tgenabled FROM pg_catalog.pg_trigger t"
                + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid = t.oid"
                + "      AND d.refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass"
                + " JOIN pg_catalog.pg_trigger p ON p.oid = d.refobjid"
                // the triggers of foreign keys follow their constraint
                + " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.oid = t.tgconstraint AND c.contype = 'f')"
                + " ORDER BY t.tgrelid, t.tgname", rs -> clones.byParent.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                        .add(new Clone(rs.getLong(1), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6))));
        return clones;
    }

    /**
     * The statements that give the clones of trigger {@code trigger} their states, to run once the
     * trigger and its own state are in place, each clone after the one it was made from. A clone
     * whose state is not its parent's gets its own, as pg_dump does; so does one that is not simply
     * enabled, because whether setting the parent's state reaches its partitions depends on the major.
     */
    List<String> statements(long trigger, Map<Long, Relation> relations) {
        List<String> statements = new ArrayList<>();
        for (Clone clone : byParent.getOrDefault(trigger, List.of())) {
            Relation table = relations.get(clone.table());
            if (table != null && (!clone.state().equals(clone.parentState()) || !clone.state().equals("O"))) {
                statements.add("ALTER " + table.keyword() + "ONLY " + table.name + " " + keywords(clone.state())
                        + " TRIGGER " + Sql.ident(clone.name()));
            }
            statements.addAll(statements(clone.oid(), relations));
        }
        return statements;
    }

    /** The keywords for a state, {@code ENABLE} for the default one too (a clone may be enabled under a disabled parent). */
    private static String keywords(String state) {
        String keywords = TableObjectReader.enabledState(state);
        return keywords == null ? "ENABLE" : keywords;
    }
}
