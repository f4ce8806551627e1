package org.pgmigrate.engine.internal.schema;

/** SQL fragments about pg_depend shared by the readers. */
final class Dependencies {
    private Dependencies() {}

    /**
     * True for objects that are neither part of an extension ('e') nor created as an internal
     * part of another object ('i', e.g. array types, identity sequences): their owner creates them.
     */
    static String notMember(String catalogTable, String oidExpression) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend member_dep WHERE member_dep.classid = 'pg_catalog." + catalogTable
                + "'::pg_catalog.regclass AND member_dep.objid = " + oidExpression + " AND member_dep.deptype IN ('e', 'i')"
                // a partitioned table depends internally on its own partition key columns
                + " AND member_dep.refobjid <> member_dep.objid)";
    }

    /** The OID of the extension an object of {@code catalogTable} belongs to, or NULL. */
    static String extensionOf(String catalogTable, String oidExpression) {
        return "(SELECT d.refobjid FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog." + catalogTable + "'::pg_catalog.regclass"
                + " AND d.objid = " + oidExpression + " AND d.deptype = 'e')";
    }
}
