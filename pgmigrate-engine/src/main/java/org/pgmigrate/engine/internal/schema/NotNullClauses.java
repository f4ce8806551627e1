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
    static Inherited inherited(String table, Column c, Column parent, boolean partition) {
        NotNullConstraint nn = c.notNullConstraint;
        if (nn == null) {
            return c.notNull && !parent.notNull ? Inherited.SET_NOT_NULL : Inherited.NONE;
        }
        if (!nn.valid()) {
            return Inherited.NONE;
        }
        NotNullConstraint from = parent.notNullConstraint;
        String inheritedName = from != null && !from.noInherit() ? from.name() : null;
        // a partition's constraint counts as its own once attached; what matters there is the name
        if (nn.name().equals(inheritedName) && (partition || !nn.local())) {
            return Inherited.NONE;
        }
        if (inheritedName == null && !nn.noInherit() && NotNullConstraint.isDefaultName(nn.name(), table, c.name)) {
            return Inherited.SET_NOT_NULL;
        }
        return Inherited.ELEMENT;
    }

    /** The CREATE TABLE element for {@link Inherited#ELEMENT}. */
    static String element(Column c) {
        NotNullConstraint nn = c.notNullConstraint;
        return "CONSTRAINT " + Sql.ident(nn.name()) + " NOT NULL " + Sql.ident(c.name) + (nn.noInherit() ? " NO INHERIT" : "");
    }
}
