package org.pgmigrate.engine.internal.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * What a filter needs to know of the objects read: their schema and plain name, and how
 * PostgreSQL names them in messages. One set-based query for all of them.
 */
final class ObjectIdentities {
    /**
     * @param identity as {@code pg_identify_object} names it, quoted where needed ({@code public.t}, {@code c on public.t})
     * @param schema the unquoted schema the object lives in, or null (casts, extensions, ...); a schema's own name
     * @param name the unquoted name of a relation, schema or extension, else null
     */
    record Identity(String identity, String schema, String name) {}

    private static final String IDENTIFY = "SELECT r.classid, r.objid, i.identity,"
            + " COALESCE(cn.nspname, ns.nspname, an.nspname, i.schema,"
            // a schema a publication publishes (15+) belongs to that schema
            + "   CASE WHEN r.classid = " + ObjectRef.PG_PUBLICATION_NAMESPACE
            + "   THEN (pg_catalog.pg_identify_object_as_address(r.classid, r.objid, 0)).object_names[1] END),"
            + " COALESCE(c.relname, ns.nspname, e.extname)"
            + " FROM ROWS FROM (pg_catalog.unnest(?::pg_catalog.int8[]::pg_catalog.oid[]),"
            + "     pg_catalog.unnest(?::pg_catalog.int8[]::pg_catalog.oid[])) AS r(classid, objid)"
            + " CROSS JOIN LATERAL pg_catalog.pg_identify_object(r.classid, r.objid, 0) i"
            + " LEFT JOIN pg_catalog.pg_class c ON r.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = r.objid"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_namespace ns ON r.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND ns.oid = r.objid"
            // default privileges granted IN SCHEMA belong to that schema
            + " LEFT JOIN pg_catalog.pg_default_acl d ON r.classid = 'pg_catalog.pg_default_acl'::pg_catalog.regclass AND d.oid = r.objid"
            + " LEFT JOIN pg_catalog.pg_namespace an ON an.oid = d.defaclnamespace"
            + " LEFT JOIN pg_catalog.pg_extension e ON r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND e.oid = r.objid";

    private ObjectIdentities() {}

    /** The identities of {@code refs}; a shell type is named as its type. */
    static Map<ObjectRef, Identity> read(Connection connection, Collection<ObjectRef> refs) throws SQLException {
        List<ObjectRef> catalogObjects = refs.stream().map(ObjectRef::catalogObject).distinct().toList();
        Long[] catalogs = catalogObjects.stream().map(r -> (long) r.catalog()).toArray(Long[]::new);
        Long[] oids = catalogObjects.stream().map(ObjectRef::oid).toArray(Long[]::new);
        Map<ObjectRef, Identity> identities = new HashMap<>();
        Array catalogArray = connection.createArrayOf("int8", catalogs);
        Array oidArray = connection.createArrayOf("int8", oids);
        try (PreparedStatement ps = connection.prepareStatement(IDENTIFY)) {
            ps.setArray(1, catalogArray);
            ps.setArray(2, oidArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identities.put(ObjectRef.of(rs.getInt(1), rs.getLong(2)), new Identity(rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        } finally {
            catalogArray.free();
            oidArray.free();
        }
        refs.stream().filter(ObjectRef::isShell).forEach(r -> {
            Identity type = identities.get(r.catalogObject());
            if (type != null) {
                identities.put(r, type);
            }
        });
        return identities;
    }

    /** Every sequence's OID by its quoted qualified name, as {@link SequenceValue#qualifiedName()} has it. */
    static Map<String, Long> sequenceOids(Connection connection) throws SQLException {
        Map<String, Long> oids = new HashMap<>();
        relations(connection, "S", (qualified, oid, schemaAndName) -> oids.put(qualified, oid));
        return oids;
    }

    /** Every foreign table's schema and name by its quoted qualified name, as warnings name them. */
    private interface RelationHandler {
        void handle(String qualified, long oid, String[] schemaAndName);
    }

    private static void relations(Connection connection, String relkind, RelationHandler handler) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind::pg_catalog.text = ?")) {
            ps.setString(1, relkind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(Sql.qualified(rs.getString(2), rs.getString(3)), rs.getLong(1),
                            new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
    }
}
