package org.pgmigrate.engine.internal.schema;

import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.ColumnReader.Column;

/**
 * How a column's NOT NULL is written. Before 18 it is a flag of the column; from 18 it is a
 * constraint with a name, which may be NOT VALID (added after the data, see TableObjectReader)
 * or NO INHERIT, and which a child inherits under its parent's name. A name is written only
 * where the server would choose another one itself, so a NOT NULL read from an older major and
 * the same one read back from 18 are written alike, as pg_dump 18 writes them.
 */
final class NotNullClauses {
    /** What a child does about the NOT NULL of a column that a parent declares. */
    enum Inherited {
        /** Nothing: the child has none, or gets it from its parent as it is. */
        NONE,
        /** {@code ALTER COLUMN ... SET NOT NULL} after the CREATE, which gives the default name. */
        SET_NOT_NULL,
        /** A {@code CONSTRAINT name NOT NULL column} element in the CREATE. */
        ELEMENT
    }

    private NotNullClauses() {}

    /** The NOT NULL of a column the table declares, for its definition: empty, or starting with a space. */
    static String inColumn(String table, Column c) {
        NotNullConstraint nn = c.notNullConstraint;
        if (nn == null) {
            return c.notNull ? " NOT NULL" : "";
        }
        // a NOT VALID one is added after the data; one the table only inherits comes with its parent
        if (!nn.valid() || !nn.local()) {
            return "";
        }
        return (NotNullConstraint.isDefaultName(nn.name(), table, c.name) ? "" : " CONSTRAINT " + Sql.ident(nn.name()))
                + " NOT NULL" + (nn.noInherit() ? " NO INHERIT" : "");
    }

    /**
     * For a column that {@code parent} declares and the child {@code table} does not (an
     * inherited column, or any column of a partition): whether and how the child's NOT NULL is
     * written.
     */
    static Inherited inherited(String table, Column c, Column parent) {
        NotNullConstraint nn = c.notNullConstraint;
        if (nn == null) {
            return c.notNull && !parent.notNull ? Inherited.SET_NOT_NULL : Inherited.NONE;
        }
        if (!nn.valid()) {
            return Inherited.NONE;
        }
        String inheritedName = inheritedName(parent);
        if (nn.name().equals(inheritedName) && !nn.local()) {
            return Inherited.NONE;
        }
        if (inheritedName == null && !nn.noInherit() && NotNullConstraint.isDefaultName(nn.name(), table, c.name)) {
            return Inherited.SET_NOT_NULL;
        }
        return Inherited.ELEMENT;
    }

    /** The name of the NOT NULL constraint a child gets from {@code parent}'s column (18+), or null. */
    static String inheritedName(Column parent) {
        NotNullConstraint from = parent == null ? null : parent.notNullConstraint;
        return from != null && !from.noInherit() ? from.name() : null;
    }

    /**
     * Whether a child that gets column {@code c} from {@code parent} gets its NOT NULL under
     * the name it has: an inherited-only constraint (18+) has its parent's name unless the
     * child had one of its own before it was attached.
     */
    static boolean nameInheritable(Column c, Column parent) {
        NotNullConstraint nn = c.notNullConstraint;
        return nn == null || !nn.valid() || nn.local() || nn.name().equals(inheritedName(parent));
    }

    /**
     * The NOT NULL of a column of a partition created as a table of its own before it is
     * attached, which requires it where the parent has one: empty, or starting with a space.
     * Where the parent's is NOT VALID, the parent's own gives it to the partition after the data.
     */
    static String beforeAttach(String table, Column c, Column parent) {
        NotNullConstraint nn = c.notNullConstraint;
        if (nn == null) {
            return c.notNull ? " NOT NULL" : "";
        }
        NotNullConstraint from = parent == null ? null : parent.notNullConstraint;
        if (!nn.valid() || (from != null && !from.valid() && !from.noInherit())) {
            return "";
        }
        return (NotNullConstraint.isDefaultName(nn.name(), table, c.name) ? "" : " CONSTRAINT " + Sql.ident(nn.name()))
                + " NOT NULL" + (nn.noInherit() ? " NO INHERIT" : "");
    }

    /** Whether a partition's NOT NULL is its own as well as its parent's (18+), which attaching it undoes. */
    static boolean localAfterAttach(Column c, Column parent) {
        NotNullConstraint nn = c.notNullConstraint;
        return nn != null && nn.valid() && nn.local() && inheritedName(parent) != null && parent.notNullConstraint.valid();
    }

    /** The CREATE TABLE element for {@link Inherited#ELEMENT}. */
    static String element(Column c) {
        NotNullConstraint nn = c.notNullConstraint;
        return "CONSTRAINT " + Sql.ident(nn.name()) + " NOT NULL " + Sql.ident(c.name) + (nn.noInherit() ? " NO INHERIT" : "");
    }
}
