package org.pgmigrate.engine.internal.schema;

/**
 * A catalog object as pg_depend names it: the OID of its catalog and its own OID. The catalog
 * OIDs are fixed by PostgreSQL, the same on every major version.
 */
public record ObjectRef(int catalog, long oid) {
    public static final int PG_TYPE = 1247;
    public static final int PG_AM = 2601;
    public static final int PG_OPCLASS = 2616;
    public static final int PG_OPFAMILY = 2753;
    public static final int PG_PROC = 1255;
    public static final int PG_CLASS = 1259;
    public static final int PG_ATTRDEF = 2604;
    public static final int PG_CAST = 2605;
    public static final int PG_CONSTRAINT = 2606;
    public static final int PG_LARGEOBJECT = 2613;
    public static final int PG_NAMESPACE = 2615;
    public static final int PG_OPERATOR = 2617;
    public static final int PG_REWRITE = 2618;
    public static final int PG_TRIGGER = 2620;
    public static final int PG_POLICY = 3256;
    public static final int PG_EXTENSION = 3079;
    public static final int PG_COLLATION = 3456;
    public static final int PG_TS_DICT = 3600;
    public static final int PG_TS_CONFIG = 3602;
    public static final int PG_STATISTIC_EXT = 3381;
    public static final int PG_LANGUAGE = 2612;
    public static final int PG_CONVERSION = 2607;
    public static final int PG_TRANSFORM = 3576;
    public static final int PG_TS_PARSER = 3601;
    public static final int PG_TS_TEMPLATE = 3764;
    public static final int PG_EVENT_TRIGGER = 3466;
    public static final int PG_PUBLICATION = 6104;
    public static final int PG_PUBLICATION_REL = 6106;
    public static final int PG_PUBLICATION_NAMESPACE = 6237;
    public static final int PG_SUBSCRIPTION = 6100;

    /**
     * Not a catalog: the shell of a type ({@code CREATE TYPE name;}), which is created before the
     * functions that the complete type needs and that need the type (see {@link #shellOf}).
     */
    public static final int SHELL_TYPE = -PG_TYPE;

    public static ObjectRef of(int catalog, long oid) {
        return new ObjectRef(catalog, oid);
    }

    /** The shell of type {@code typeOid}. */
    public static ObjectRef shellOf(long typeOid) {
        return new ObjectRef(SHELL_TYPE, typeOid);
    }

    public boolean isShell() {
        return catalog == SHELL_TYPE;
    }

    /** The catalog object this stands for: a shell's type, else this. */
    public ObjectRef catalogObject() {
        return isShell() ? of(PG_TYPE, oid) : this;
    }
}
