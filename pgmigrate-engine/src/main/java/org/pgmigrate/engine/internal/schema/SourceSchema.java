package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;

/**
 * Everything read from the source: the objects to create, the tables to copy, the sequence
 * values, materialized views to refresh, large objects, and what cannot be migrated.
 */
public final class SourceSchema {
    final List<SchemaObject> objects = new ArrayList<>();
    final Map<ObjectRef, Set<ObjectRef>> extraDependencies = new HashMap<>();
    /** Objects with parts that can be created on their own to break a dependency loop, by object; only while reading. */
    final Map<ObjectRef, Separable> separable = new HashMap<>();
    /** What each pre-data object needs created before it, as the order was made. */
    final Map<ObjectRef, Set<ObjectRef>> preDataNeeds = new HashMap<>();
    /** The pg_depend rows read for ordering, kept so that a filter can find what depends on what it leaves out. */
    final List<DependencyOrder.Edge> edges = new ArrayList<>();
    final List<TableData> tables = new ArrayList<>();
    final List<SequenceValue> sequences = new ArrayList<>();
    /** Schema and name of extension configuration sequences, whose values are migrated too. */
    final List<String[]> configSequences = new ArrayList<>();
    final List<String> matviewRefreshes = new ArrayList<>();
    final List<LargeObject> largeObjects = new ArrayList<>();
    final List<MigrationWarning> warnings = new ArrayList<>();
    final List<RequiredExtension> extensions = new ArrayList<>();
    final List<DatabaseSetting> databaseSettings = new ArrayList<>();
    final List<ChangedPrivileges> changedPrivileges = new ArrayList<>();
    /** Provider and label literal of the database's security labels. */
    final List<String[]> databaseLabels = new ArrayList<>();
    /** Whether the changed privileges of system objects are left out (with a filter). */
    boolean systemPrivilegesLeftOut;
    /** Label providers of the source the target has not loaded: their labels were left out, with a warning. */
    final Set<String> missingLabelProviders = new HashSet<>();
    /** What a filter left out: objects with their members, and schemas by name. */
    final Set<ObjectRef> excludedObjects = new HashSet<>();
    final Set<String> excludedSchemas = new HashSet<>();
    String databaseComment;
    DatabaseProperties databaseProperties;
    TargetRoles roles;
    Tablespaces tablespaces = Tablespaces.unmapped();

    /** Pre-data objects in dependency order, then the other placements as read. */
    public List<SchemaObject> objects() {
        return objects;
    }

    public List<SchemaObject> objects(Placement placement) {
        return objects.stream().filter(o -> o.placement() == placement).toList();
    }

    /** The pre-data objects in batches of {@code size}, with the earlier batches each one needs. */
    public List<PreDataBatch> preDataBatches(int size) {
        List<SchemaObject> preData = objects(Placement.PRE_DATA);
        return PreDataBatch.cut(preData, preDataNeeds, size);
    }

    public List<TableData> tables() {
        return tables;
    }

    public List<SequenceValue> sequences() {
        return sequences;
    }

    /** REFRESH statements for populated materialized views, in dependency order. */
    public List<String> matviewRefreshes() {
        return matviewRefreshes;
    }

    public List<LargeObject> largeObjects() {
        return largeObjects;
    }

    public List<MigrationWarning> warnings() {
        return warnings;
    }

    public List<RequiredExtension> extensions() {
        return extensions;
    }

    public List<DatabaseSetting> databaseSettings() {
        return databaseSettings;
    }

    /** Privileges changed on extension members and system objects, which the migration does not create. */
    public List<ChangedPrivileges> changedPrivileges() {
        return changedPrivileges;
    }

    /** The database's comment as a SQL literal, or null. */
    public String databaseComment() {
        return databaseComment;
    }

    /**
     * The database's owner, privileges and connection limit as statements for the target database
     * {@code quotedName}; empty when they were not read.
     */
    public List<String> databaseStatements(String quotedName) {
        if (databaseProperties == null) {
            return List.of();
        }
        String target = "DATABASE " + quotedName;
        Statements statements = new Statements(roles)
                .owner(target, databaseProperties.owner())
                .privileges(target, databaseProperties.owner(), databaseProperties.acl());
        if (databaseProperties.connectionLimit() != -1) {
            statements.add("ALTER " + target + " CONNECTION LIMIT " + databaseProperties.connectionLimit());
        }
        databaseLabels.forEach(label -> statements.add(SecurityLabelReader.statement(label[0], target, label[1])));
        return statements.toList();
    }

    /**
     * Leaves out the changed privileges of system objects, as pg_dump does when it dumps less than
     * the whole database, naming them in a warning.
     */
    void leaveOutSystemPrivileges() {
        systemPrivilegesLeftOut = true;
        List<String> objects = changedPrivileges.stream().filter(c -> c.extension() == null).map(ChangedPrivileges::object).toList();
        if (!objects.isEmpty()) {
            warnings.add(MigrationWarning.of(WarningCodes.SYSTEM_PRIVILEGES_NOT_MIGRATED, "Privileges changed on system objects after initdb"
                    + " are carried only when the whole database is migrated, not with a filter (as pg_dump does); grant them on the"
                    + " target by hand where they are needed.", objects));
        }
    }

    /** Whether the changed privileges of system objects are left out, see {@link #leaveOutSystemPrivileges()}. */
    public boolean systemPrivilegesLeftOut() {
        return systemPrivilegesLeftOut;
    }

    /** The label providers of the source that the target has not loaded, whose labels were left out. */
    public Set<String> missingLabelProviders() {
        return missingLabelProviders;
    }

    /** Where the relations of each source tablespace went on the target. */
    public Tablespaces tablespaces() {
        return tablespaces;
    }

    /** The roles of the target, as the objects were read for it. */
    public TargetRoles roles() {
        return roles;
    }

    /**
     * Whether a filter left out the object {@code ref} (or the object it belongs to), or the
     * schema {@code schema} (unquoted, may be null) that holds an object.
     */
    public boolean excludes(ObjectRef ref, String schema) {
        return (ref != null && excludedObjects.contains(ref)) || (schema != null && excludedSchemas.contains(schema));
    }

    void add(SchemaObject object) {
        objects.add(object);
    }

    /**
     * The shell of {@code type} ({@code CREATE TYPE name}), for the functions that the type is made
     * of and that take or return it (see {@link DependencyOrder#throughShells}); the type comes after it.
     */
    void addShell(ObjectRef type, String name) {
        ObjectRef shell = ObjectRef.shellOf(type.oid());
        add(SchemaObject.preData(shell, "shell type", name, List.of("CREATE TYPE " + name)));
        dependsOn(type, shell);
    }

    void dependsOn(ObjectRef object, ObjectRef dependency) {
        extraDependencies.computeIfAbsent(object, k -> new HashSet<>()).add(dependency);
    }

    /** An extension the target must be able to install. */
    public record RequiredExtension(String name, String version, String schema) {}

    /**
     * {@code ALTER DATABASE ... SET name TO value}, or {@code ALTER ROLE role IN DATABASE ...} when
     * {@code role} is set: the value is a literal list quoted by the source.
     */
    public record DatabaseSetting(String role, String name, String valueSql) {}

    /** The owner, ACL (null for the default) and connection limit of the source database. */
    record DatabaseProperties(String owner, List<Grant> acl, int connectionLimit) {}
}
