package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Access methods (index, and table from 12), operator families and operator classes. Creating any
 * of them takes a superuser on the target, and an access method's handler must exist there.
 *
 * <p>A member (operator or support function) that depends on an operator class goes into its
 * {@code CREATE OPERATOR CLASS}; the others into an {@code ALTER OPERATOR FAMILY ... ADD} of their
 * family, which is created before its classes, as pg_dump does. Which members an access method
 * ties to the class changed in 14: some that older majors tie to the class are loose from 14 on.
 * Members are not ordered through pg_depend (a loose member's automatic dependencies do not say
 * which is its family); each family and class depends on what its members use.
 */
final class AccessMethodReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    /** Members by the class they belong to, or by their family when they belong to no class. */
    private final Map<ObjectRef, List<String>> members = new HashMap<>();
    /** What each class or family needs created first for its members. */
    private final Map<ObjectRef, List<ObjectRef>> memberNeeds = new HashMap<>();

    AccessMethodReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        readAccessMethods();
        readMembers();
        readFamilies();
        readClasses();
    }

    private void readAccessMethods() throws SQLException {
        catalog.query("SELECT a.oid, a.amname, a.amtype, a.amhandler::pg_catalog.text FROM pg_catalog.pg_am a"
                + " WHERE a.oid >= " + Catalog.FIRST_NORMAL_OID + " AND " + Dependencies.notMember("pg_am", "a.oid")
                + " ORDER BY a.amname", rs -> {
                    String name = Sql.ident(rs.getString(2));
                    String type = rs.getString(3).equals("t") ? "TABLE" : "INDEX";
                    Statements s = new Statements(roles).add("CREATE ACCESS METHOD " + name + " TYPE " + type + " HANDLER " + rs.getString(4))
                            .comment("ACCESS METHOD " + name, catalog.comment(ObjectRef.PG_AM, rs.getLong(1), 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_AM, rs.getLong(1)), "access method", name, s.toList()));
                });
    }

    /** Every member of a user's family, rendered as the clause of CREATE OPERATOR CLASS and ALTER OPERATOR FAMILY. */
    private void readMembers() throws SQLException {
        String ofClass = "(SELECT d.refobjid FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.%s'::pg_catalog.regclass"
                + " AND d.objid = %s AND d.refclassid = 'pg_catalog.pg_opclass'::pg_catalog.regclass LIMIT 1)";
        // ordered by names, not OIDs, so that both sides of a verification render alike
        catalog.query("SELECT o.amopfamily, " + ofClass.formatted("pg_amop", "o.oid") + ", o.amopstrategy,"
                + " o.amopopr::pg_catalog.regoperator::text, o.amopopr,"
                + " CASE WHEN o.amoppurpose = 'o' THEN pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(sf.opfname) END,"
                + " o.amopsortfamily, o.amoplefttype, o.amoprighttype"
                + " FROM pg_catalog.pg_amop o LEFT JOIN pg_catalog.pg_opfamily sf ON sf.oid = o.amopsortfamily"
                + " LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace"
                + " WHERE o.amopfamily >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY o.amopstrategy, pg_catalog.format_type(o.amoplefttype, NULL) COLLATE \"C\","
                + " pg_catalog.format_type(o.amoprighttype, NULL) COLLATE \"C\"", rs -> {
                    ObjectRef owner = owner(rs.getLong(1), rs.getLong(2));
                    String sortFamily = rs.getString(6);
                    members.computeIfAbsent(owner, k -> new ArrayList<>()).add("OPERATOR " + rs.getInt(3) + " " + rs.getString(4)
                            + (sortFamily == null ? "" : " FOR ORDER BY " + sortFamily));
                    needs(owner, ObjectRef.of(ObjectRef.PG_OPERATOR, rs.getLong(5)), ObjectRef.of(ObjectRef.PG_OPFAMILY, rs.getLong(7)),
                            ObjectRef.of(ObjectRef.PG_TYPE, rs.getLong(8)), ObjectRef.of(ObjectRef.PG_TYPE, rs.getLong(9)));
                });
        catalog.query("SELECT p.amprocfamily, " + ofClass.formatted("pg_amproc", "p.oid") + ", p.amprocnum,"
                + " pg_catalog.format_type(p.amproclefttype, NULL), pg_catalog.format_type(p.amprocrighttype, NULL),"
                + " p.amproc::pg_catalog.regprocedure::text, p.amproc::pg_catalog.oid, p.amproclefttype, p.amprocrighttype"
                + " FROM pg_catalog.pg_amproc p WHERE p.amprocfamily >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY p.amprocnum, pg_catalog.format_type(p.amproclefttype, NULL) COLLATE \"C\","
                + " pg_catalog.format_type(p.amprocrighttype, NULL) COLLATE \"C\"", rs -> {
                    ObjectRef owner = owner(rs.getLong(1), rs.getLong(2));
                    members.computeIfAbsent(owner, k -> new ArrayList<>()).add("FUNCTION " + rs.getInt(3)
                            + " (" + rs.getString(4) + ", " + rs.getString(5) + ") " + rs.getString(6));
                    needs(owner, ObjectRef.of(ObjectRef.PG_PROC, rs.getLong(7)), ObjectRef.of(ObjectRef.PG_TYPE, rs.getLong(8)),
                            ObjectRef.of(ObjectRef.PG_TYPE, rs.getLong(9)));
                });
    }

    private static ObjectRef owner(long family, long opclass) {
        return opclass == 0 ? ObjectRef.of(ObjectRef.PG_OPFAMILY, family) : ObjectRef.of(ObjectRef.PG_OPCLASS, opclass);
    }

    private void needs(ObjectRef owner, ObjectRef... needed) {
        memberNeeds.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(List.of(needed));
    }

    private void readFamilies() throws SQLException {
        catalog.query("SELECT f.oid, n.nspname, f.opfname, pg_catalog.quote_ident(a.amname), pg_catalog.pg_get_userbyid(f.opfowner), a.oid"
                + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace"
                + " JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_opfamily", "f.oid")
                + " ORDER BY 2, 3, 4", rs -> {
                    ObjectRef family = ObjectRef.of(ObjectRef.PG_OPFAMILY, rs.getLong(1));
                    String name = Sql.qualified(rs.getString(2), rs.getString(3)) + " USING " + rs.getString(4);
                    Statements s = new Statements(roles).add("CREATE OPERATOR FAMILY " + name);
                    List<String> loose = members.getOrDefault(family, List.of());
                    if (!loose.isEmpty()) {
                        s.add("ALTER OPERATOR FAMILY " + name + " ADD\n    " + String.join(",\n    ", loose));
                    }
                    s.comment("OPERATOR FAMILY " + name, catalog.comment(ObjectRef.PG_OPFAMILY, family.oid(), 0))
                            .owner("OPERATOR FAMILY " + name, rs.getString(5));
                    out.add(SchemaObject.preData(family, "operator family", name, s.toList()));
                    addNeeds(family, ObjectRef.of(ObjectRef.PG_AM, rs.getLong(6)));
                });
    }

    private void readClasses() throws SQLException {
        catalog.query("SELECT c.oid, n.nspname, c.opcname, pg_catalog.quote_ident(a.amname), pg_catalog.pg_get_userbyid(c.opcowner),"
                + " c.opcdefault, pg_catalog.format_type(c.opcintype, NULL),"
                + " CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END,"
                + " pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.opfname), f.oid"
                + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace"
                + " JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod"
                + " JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_opclass", "c.oid")
                + " ORDER BY 2, 3, 4", rs -> {
                    ObjectRef opclass = ObjectRef.of(ObjectRef.PG_OPCLASS, rs.getLong(1));
                    String name = Sql.qualified(rs.getString(2), rs.getString(3)) + " USING " + rs.getString(4);
                    List<String> items = new ArrayList<>(members.getOrDefault(opclass, List.of()));
                    if (rs.getString(8) != null) {
                        items.add("STORAGE " + rs.getString(8));
                    } else if (items.isEmpty()) {
                        items.add("STORAGE " + rs.getString(7)); // the syntax wants one item; this one changes nothing
                    }
                    Statements s = new Statements(roles).add("CREATE OPERATOR CLASS " + Sql.qualified(rs.getString(2), rs.getString(3))
                            + (rs.getBoolean(6) ? " DEFAULT" : "") + " FOR TYPE " + rs.getString(7) + " USING " + rs.getString(4)
                            + " FAMILY " + rs.getString(9) + " AS\n    " + String.join(",\n    ", items));
                    s.comment("OPERATOR CLASS " + name, catalog.comment(ObjectRef.PG_OPCLASS, opclass.oid(), 0))
                            .owner("OPERATOR CLASS " + name, rs.getString(5));
                    out.add(SchemaObject.preData(opclass, "operator class", name, s.toList()));
                    addNeeds(opclass, ObjectRef.of(ObjectRef.PG_OPFAMILY, rs.getLong(10)));
                });
    }

    private void addNeeds(ObjectRef object, ObjectRef first) {
        out.dependsOn(object, first);
        for (ObjectRef needed : memberNeeds.getOrDefault(object, List.of())) {
            if (needed.oid() != 0 && !needed.equals(object)) {
                out.dependsOn(object, needed);
            }
        }
    }
}
