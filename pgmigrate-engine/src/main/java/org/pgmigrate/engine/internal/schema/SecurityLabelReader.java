package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Security labels ({@code SECURITY LABEL FOR provider ON ...}) of the migrated objects, the
 * large objects and the database. They are set once everything else is in place, before the
 * event triggers (which SECURITY LABEL would fire) are created, and those of event triggers after
 * them. A label whose provider the target has not loaded cannot be set there: such labels are
 * left out and named in a warning, one per provider.
 */
final class SecurityLabelReader {
    private final Catalog catalog;
    private final SourceSchema out;
    private final Set<String> loadedProviders;
    private final List<SchemaObject> eventTriggerLabels = new ArrayList<>();
    private final Map<String, List<String>> notLoaded = new TreeMap<>();

    SecurityLabelReader(Catalog catalog, SourceSchema out, Set<String> loadedProviders) {
        this.catalog = catalog;
        this.out = out;
        this.loadedProviders = loadedProviders;
    }

    /** Reads every label; those of event triggers wait for {@link #addEventTriggerLabels()}. */
    void read() throws SQLException {
        catalog.query("SELECT s.classoid, s.objoid, s.objsubid, s.provider, pg_catalog.quote_literal(s.label), i.type, i.identity"
                + " FROM pg_catalog.pg_seclabel s CROSS JOIN LATERAL pg_catalog.pg_identify_object(s.classoid, s.objoid, s.objsubid) i"
                // what the migration creates: user objects, the public schema, large objects
                + " WHERE (s.objoid >= " + Catalog.FIRST_NORMAL_OID
                + "     OR s.classoid = 'pg_catalog.pg_largeobject'::pg_catalog.regclass"
                + "     OR (s.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND i.identity = 'public'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = s.classoid AND e.objid = s.objoid AND e.deptype = 'e')"
                + " AND COALESCE(i.schema, '') NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
                + " AND COALESCE(i.schema, '') NOT LIKE 'pg\\_toast%' AND COALESCE(i.schema, '') NOT LIKE 'pg\\_temp\\_%'"
                + " ORDER BY i.type, i.identity, s.provider", rs -> {
                    String provider = rs.getString(4);
                    String type = rs.getString(6);
                    String target = keyword(type) + " " + rs.getString(7);
                    if (!loadedProviders.contains(provider)) {
                        notLoaded.computeIfAbsent(provider, k -> new ArrayList<>()).add(type + " " + rs.getString(7));
                        return;
                    }
                    int classoid = rs.getInt(1);
                    long oid = rs.getLong(2);
                    SchemaObject label = new SchemaObject(ObjectRef.of(classoid, oid), "security label",
                            "FOR " + Sql.ident(provider) + " ON " + target, Placement.LAST, classoid == ObjectRef.PG_CLASS ? oid : 0,
                            List.of(statement(provider, target, rs.getString(5))));
                    if (type.equals("event trigger")) {
                        eventTriggerLabels.add(label);
                    } else {
                        out.add(label);
                    }
                });
        catalog.query("SELECT s.provider, pg_catalog.quote_literal(s.label) FROM pg_catalog.pg_shseclabel s"
                + " WHERE s.classoid = 'pg_catalog.pg_database'::pg_catalog.regclass"
                + " AND s.objoid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())"
                + " ORDER BY 1", rs -> {
                    if (loadedProviders.contains(rs.getString(1))) {
                        out.databaseLabels.add(new String[] {rs.getString(1), rs.getString(2)});
                    } else {
                        notLoaded.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add("database");
                    }
                });
        notLoaded.forEach((provider, objects) -> {
            out.missingLabelProviders.add(provider);
            out.warnings.add(MigrationWarning.of(WarningCodes.SECURITY_LABELS_NOT_MIGRATED, "The security label provider " + Sql.ident(provider)
                    + " is not loaded on the target, so the labels it gave these objects were not set there. Load it on the target"
                    + " (e.g. shared_preload_libraries), then run SECURITY LABEL FOR " + Sql.ident(provider) + " ON ... for each.", objects));
        });
    }

    /** The labels of event triggers, once the event triggers are read: they are set after them. */
    void addEventTriggerLabels() {
        eventTriggerLabels.forEach(out::add);
    }

    static String statement(String provider, String target, String literal) {
        return "SECURITY LABEL FOR " + Sql.ident(provider) + " ON " + target + " IS " + literal;
    }

    /** The SECURITY LABEL keyword for a kind as {@code pg_identify_object} names it ("table column", "materialized view"...). */
    private static String keyword(String type) {
        return type.endsWith(" column") ? "COLUMN" : type.toUpperCase(Locale.ROOT);
    }
}
