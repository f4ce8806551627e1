package org.pgmigrate.engine.internal.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.schema.LargeObject;
import org.pgmigrate.engine.internal.schema.Placement;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * The journal's names for the tasks of one database's migration, and the fingerprint of the source
 * schema they were derived from. Names are readable (a user looking at {@code pgmigrate.journal}
 * sees what was done) and the same for the same source schema, so a resumed run finds them.
 */
public final class TaskKeys {
    /** Verification of the whole database, once it found the target equal (or the policy accepted the differences). */
    public static final String VERIFICATION = "verification";

    private final Map<SchemaObject, String> objectKeys = new IdentityHashMap<>();

    private TaskKeys(List<SchemaObject> objects) {
        Map<String, Integer> seen = new HashMap<>();
        for (SchemaObject o : objects) {
            String key = o.kind() + " " + o.name();
            int n = seen.merge(key, 1, Integer::sum);
            objectKeys.put(o, n == 1 ? key : key + " #" + n);
        }
    }

    public static TaskKeys of(SourceSchema schema) {
        return new TaskKeys(schema.objects());
    }

    /** The task that creates {@code object} (an index, a foreign key...). */
    public String of(SchemaObject object) {
        String key = objectKeys.get(object);
        if (key == null) {
            throw new IllegalArgumentException("not an object of this schema: " + object.kind() + " " + object.name());
        }
        return key;
    }

    /** The task that creates the objects {@code from} to {@code to} (1-based, inclusive) of a placement, in order. */
    public static String batch(Placement placement, int from, int to) {
        return placement.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " objects " + from + "-" + to;
    }

    /** The task that copies all of {@code table}'s rows. */
    public static String rows(TableData table) {
        return "rows of " + table.qualifiedName();
    }

    /** What every part task of {@code table} starts with. */
    public static String partPrefix(TableData table) {
        return rows(table) + " where ";
    }

    /** The task that copies the rows of {@code table} matching {@code condition}. */
    public static String part(TableData table, String condition) {
        return partPrefix(table) + condition;
    }

    /** The task that creates the rest of {@code table}'s objects once its indexes are built, and analyzes it. */
    public static String tableFinished(TableData table) {
        return "rest of " + table.qualifiedName();
    }

    public static String largeObject(LargeObject lo) {
        return "large object " + lo.oid();
    }

    /** The task that runs {@code refresh} (a REFRESH MATERIALIZED VIEW statement). */
    public static String refresh(String refresh) {
        return refresh;
    }

    /**
     * A digest of what a migration of {@code schema} creates and copies: the objects and their
     * statements (a user mapping's only by name: its options may hold a password), the tables and
     * their columns, the large objects. Sizes, row estimates and sequence values are left out:
     * they change without the schema changing.
     */
    public static String fingerprint(SourceSchema schema) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (SchemaObject o : schema.objects()) {
            update(digest, o.placement().name(), o.kind(), o.name());
            if (!o.carriesSecrets()) {
                o.statements().forEach(sql -> update(digest, sql));
            }
        }
        for (TableData t : schema.tables()) {
            update(digest, "table", t.qualifiedName(), String.valueOf(t.filter()), String.join(",", t.columnNames()));
        }
        for (LargeObject lo : schema.largeObjects()) {
            update(digest, "large object", String.valueOf(lo.oid()));
            lo.metadataStatements().forEach(sql -> update(digest, sql));
        }
        schema.matviewRefreshes().forEach(sql -> update(digest, "refresh", sql));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // length-prefixed, so that ("ab", "c") and ("a", "bc") differ
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
    }
}
