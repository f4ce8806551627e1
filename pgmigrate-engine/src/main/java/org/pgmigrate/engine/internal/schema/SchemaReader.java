package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads everything to migrate from the source catalogs, in the caller's transaction (the
 * exported snapshot), with set-based queries whose number does not grow with the number of
 * objects.
 */
public final class SchemaReader {
    private SchemaReader() {}

    /**
     * What is read besides the schema proper.
     *
     * @param subscriptions whether subscriptions are read as objects to create (else each is named in a warning)
     * @param ignoredPublications publications that are not the user's: the online migration's own
     * @param target where the source's tablespaces go and which label providers the target has
     * @param partsLeftOut column defaults and table constraints (pg_attrdef, pg_constraint) that the
     *     tables they belong to are created without: they depend on objects left out (see {@link UncreatableSelection})
     */
    public record Options(boolean subscriptions, Set<String> ignoredPublications, TargetCapabilities target, Set<ObjectRef> partsLeftOut) {
        public Options {
            ignoredPublications = Set.copyOf(ignoredPublications);
            partsLeftOut = Set.copyOf(partsLeftOut);
        }

        public Options(boolean subscriptions, Set<String> ignoredPublications, TargetCapabilities target) {
            this(subscriptions, ignoredPublications, target, Set.of());
        }

        /** These options, with the tables created without {@code parts}. */
        public Options leavingOut(Set<ObjectRef> parts) {
            return new Options(subscriptions, ignoredPublications, target, parts);
        }
    }

    /**
     * @param source a connection inside the snapshot transaction, search_path empty
     * @param sourceVersion server_version_num of the source
     * @param targetVersion server_version_num of the target
     * @param roles the roles that exist on the target
     * @param targetExtensionVersions extension name to versions installable on the target
     */
    public static SourceSchema read(Connection source, int sourceVersion, int targetVersion, TargetRoles roles,
                                    Map<String, Set<String>> targetExtensionVersions, Options options) throws SQLException {
        Catalog catalog = new Catalog(source, sourceVersion);
        SourceSchema out = new SourceSchema();
        out.roles = roles;
        out.tablespaces = options.target().tablespaces();
        new NamespaceReader(catalog, roles, out, targetExtensionVersions).read();
        new TypeReader(catalog, roles, out).read();
        new BaseTypeReader(catalog, roles, out).read();
        new RoutineReader(catalog, roles, out, targetVersion).read();
        new LanguageReader(catalog, roles, out).read();
        new ConversionReader(catalog, roles, out).read();
        new TextSearchReader(catalog, roles, out).read();
        new AccessMethodReader(catalog, roles, out).read();
        new ForeignDataReader(catalog, roles, out).read();
        RelationReader relations = new RelationReader(catalog, roles, out, targetVersion, options.partsLeftOut());
        relations.read();
        new TableObjectReader(catalog, roles, out, relations.relations(), targetVersion).read();
        new DatabaseReader(catalog, roles, out).read();
        new InitialPrivilegesReader(catalog, roles, out).read();
        new PublicationReader(catalog, roles, out, options.ignoredPublications()).read();
        new SubscriptionReader(catalog, roles, out, options.subscriptions(), targetVersion).read();
        SecurityLabelReader labels = new SecurityLabelReader(catalog, out, options.target().labelProviders());
        labels.read();
        new EventTriggerReader(catalog, roles, out).read();
        labels.addEventTriggerLabels();
        order(catalog, out, relations);
        return out;
    }

    private static void order(Catalog catalog, SourceSchema out, RelationReader relations) throws SQLException {
        List<DependencyOrder.Edge> read = new ArrayList<>();
        catalog.query("SELECT classid, objid, refclassid, refobjid, deptype FROM pg_catalog.pg_depend"
                + " WHERE objid >= " + Catalog.FIRST_NORMAL_OID + " AND refobjid >= " + Catalog.FIRST_NORMAL_OID
                + " AND deptype IN ('n', 'a', 'i', 'e', 'P', 'I')"
                // operator family and class members: their families' and classes' dependencies are read with them
                + " AND classid NOT IN ('pg_catalog.pg_amop'::pg_catalog.regclass, 'pg_catalog.pg_amproc'::pg_catalog.regclass)",
                rs -> read.add(new DependencyOrder.Edge(
                        ObjectRef.of(rs.getInt(1), rs.getLong(2)), ObjectRef.of(rs.getInt(3), rs.getLong(4)), rs.getString(5).charAt(0))));
        List<DependencyOrder.Edge> edges = DependencyOrder.throughShells(read, out.objects);
        out.edges.addAll(edges);
        List<SchemaObject> preData = out.objects.stream().filter(o -> o.placement() == Placement.PRE_DATA).toList();
        DependencyOrder.castsBeforeTheirUsers(preData, edges, out.extraDependencies);
        DependencyRepair.Plan plan = DependencyRepair.plan(out.objects, edges, out.extraDependencies, out.separable);
        out.separable.clear();
        out.preDataNeeds.putAll(plan.preDataNeeds());
        List<SchemaObject> sorted = new ArrayList<>(plan.objects().stream().filter(o -> o.placement() == Placement.PRE_DATA).toList());
        Map<Long, Integer> depth = new HashMap<>();
        List<SchemaObject> parents = plan.objects().stream().filter(o -> o.placement() == Placement.PARTITIONED_PARENT)
                .sorted(Comparator.comparingInt((SchemaObject o) -> relations.partitionDepth(o.tableOid(), depth))).toList();
        sorted.addAll(parents);
        plan.objects().stream().filter(o -> o.placement() != Placement.PRE_DATA && o.placement() != Placement.PARTITIONED_PARENT)
                .forEach(sorted::add);
        out.objects.clear();
        out.objects.addAll(sorted);
        // materialized views refresh in the order they were created
        List<String> refreshOrder = new ArrayList<>();
        for (SchemaObject o : sorted) {
            String refresh = "REFRESH MATERIALIZED VIEW " + o.name();
            if (o.kind().equals("materialized view") && out.matviewRefreshes.contains(refresh)) {
                refreshOrder.add(refresh);
            }
        }
        out.matviewRefreshes.clear();
        out.matviewRefreshes.addAll(refreshOrder);
    }
}
