package org.pgmigrate.engine.internal.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the facts of one system catalog are read: which rows describe objects to compare, which
 * object a row is about, and how its columns are compared. By default every column of the
 * catalog, as the server at hand has them, is a property: references by OID are replaced by the
 * name of what they point to, attribute numbers by column names, expression trees by the
 * definitions the server prints, and ACLs by their sorted items.
 *
 * <p>SQL fragments use the alias {@code x} for the catalog's row; the condition on rows may use
 * {@code o} for what {@code pg_identify_object} says of the row's object.
 *
 * @param name unique among the catalogs read, the first part of each fact's key
 * @param table the catalog, in pg_catalog
 * @param what how a message names a row that is not the object itself ("comment", "column"), or null
 * @param rows the condition a row must meet
 * @param rowsWhereColumn conditions a row must meet too, each where the server's catalog has the column it is keyed by
 * @param object the row's object as {@code pg_identify_object} takes it: "classid, objid, subid"; null for the database itself
 * @param display the object differences are reported under, in the same form
 * @param anchor "classid, objid" of the object whose exclusion by a filter leaves the row out, or null
 * @param suffix an SQL text that tells rows of one object apart (an enum label), or null
 * @param derived properties computed in SQL by name; one named like a column replaces it, and one whose SQL
 *     is {@code x.column} is compared as that column is
 * @param ignored columns that are not compared: physical state, or what another property covers
 * @param attnums columns of attribute numbers, with the SQL of the relation they number
 * @param onlyDerived compare the derived properties only
 * @param role SQL of the role a row belongs to, whose absence on the target explains its absence there, or null
 * @param secret the values may hold passwords and are never shown
 */
record FactCatalog(String name, String table, String what, String rows, Map<String, String> rowsWhereColumn, String object, String display, String anchor,
                   String suffix, Map<String, String> derived, Set<String> ignored, Map<String, String> attnums,
                   boolean onlyDerived, String role, boolean secret) {

    FactCatalog {
        rowsWhereColumn = Map.copyOf(rowsWhereColumn);
        derived = Map.copyOf(derived);
        ignored = Set.copyOf(ignored);
        attnums = Map.copyOf(attnums);
    }

    /** A catalog whose rows are objects of their own, identified by their OID. */
    static Builder of(String table) {
        return new Builder(table).object("'pg_catalog." + table + "'::pg_catalog.regclass, x.oid, 0");
    }

    /** A catalog whose rows are about an object identified by {@code object}. */
    static Builder about(String table, String object) {
        return new Builder(table).object(object);
    }

    /** {@code classid, objid, subid} of an object of {@code catalog} with OID {@code oid}. */
    static String ref(String catalog, String oid) {
        return "'pg_catalog." + catalog + "'::pg_catalog.regclass, " + oid + ", 0";
    }

    static final class Builder {
        private final String table;
        private String name;
        private String what;
        private String rows = "true";
        private final Map<String, String> rowsWhereColumn = new LinkedHashMap<>();
        private String object;
        private String display;
        private String anchor;
        private String suffix;
        private final Map<String, String> derived = new LinkedHashMap<>();
        private Set<String> ignored = Set.of();
        private final Map<String, String> attnums = new LinkedHashMap<>();
        private boolean onlyDerived;
        private String role;
        private boolean secret;

        private Builder(String table) {
            this.table = table;
            this.name = table;
        }

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder what(String what) {
            this.what = what;
            return this;
        }

        Builder rows(String rows) {
            this.rows = rows;
            return this;
        }

        /** A condition rows must meet too on servers whose catalog has {@code column}. */
        Builder rowsWhereColumn(String column, String condition) {
            rowsWhereColumn.put(column, condition);
            return this;
        }

        Builder object(String object) {
            this.object = object;
            return this;
        }

        Builder display(String display) {
            this.display = display;
            return this;
        }

        Builder anchor(String anchor) {
            this.anchor = anchor;
            return this;
        }

        Builder suffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        Builder derive(String property, String sql) {
            derived.put(property, sql);
            return this;
        }

        Builder ignore(String... columns) {
            ignored = Set.of(columns);
            return this;
        }

        Builder attnums(String column, String relation) {
            attnums.put(column, relation);
            return this;
        }

        Builder onlyDerived() {
            onlyDerived = true;
            return this;
        }

        Builder role(String role) {
            this.role = role;
            return this;
        }

        Builder secret() {
            secret = true;
            return this;
        }

        FactCatalog build() {
            String objectAnchor = object == null ? null : object.substring(0, object.lastIndexOf(','));
            return new FactCatalog(name, table, what, rows, rowsWhereColumn, object, display == null ? object : display,
                    anchor == null ? objectAnchor : anchor, suffix, derived, ignored, attnums, onlyDerived, role, secret);
        }
    }
}
