package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.ColumnReader.Check;
import org.pgmigrate.engine.internal.schema.ColumnReader.Column;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/**
 * Builds an inheritance child whose columns are not in the order {@code CREATE TABLE ...
 * INHERITS} gives (its parent gained a column after it, or it was made on its own and then
 * inherited), without a superuser.
 *
 * <p>Only inheritance makes a column or constraint inherited-only ({@code attislocal},
 * {@code conislocal} false): a column a parent adds reaches its children so. The child is
 * created empty under a scratch parent, and its columns are added one by one in their order:
 * its own to the child, then to the scratch parent, which merges them; the columns it only
 * inherits to the scratch parent alone, which gives them to the child as inherited. Inherited
 * constraints come from the scratch parent too. Then the child inherits its real parents, which
 * count each column and constraint they share once more, and leaves the scratch parent, which
 * counts each once less ({@code RemoveInheritance}): what the real parents give stays
 * inherited, what only the scratch parent gave becomes the child's own, as on the source. The
 * scratch parent is dropped in the same transaction.
 *
 * <p>The parents' positions ({@code inhseqno}) follow the scratch parent's: their order is kept.
 */
final class ScratchParent {
    private final TableDefinition definition;
    private final ColumnReader columns;
    private final Relation child;
    private final List<Relation> parents;
    private final String scratch;

    ScratchParent(TableDefinition definition, Relation child, List<Relation> parents) {
        this.definition = definition;
        this.columns = definition.columns();
        this.child = child;
        this.parents = parents;
        this.scratch = Sql.qualified(child.schema, "pgmigrate_scratch_" + child.oid);
    }

    void build(List<String> s) {
        String alterChild = "ALTER " + child.keyword() + child.name;
        s.add("CREATE TABLE " + scratch + " ()");
        s.add(TableDefinition.head(child) + " () INHERITS (" + scratch + ")" + definition.tail(child, null));
        List<String> expressions = new ArrayList<>();
        for (Column c : columns.of(child.oid)) {
            String plain = c.typeAndCollation();
            String generated = c.isGenerated() ? generated(c, expressions) : "";
            if (c.local) {
                String rest = c.isGenerated() ? generated + NotNullClauses.inColumn(child.relname, c)
                        : definition.constraints(child, c, null, NotNullClauses.inColumn(child.relname, c));
                s.add(alterChild + " ADD COLUMN " + TableDefinition.definition(c) + rest);
                s.add("ALTER TABLE " + scratch + " ADD COLUMN " + plain);
            } else {
                // the child gets the generation expression from the scratch parent; its default is set below
                s.add("ALTER TABLE " + scratch + " ADD COLUMN " + plain + generated);
            }
        }
        s.addAll(expressions);
        notNulls(s);
        for (Check check : definition.checks(child, false)) {
            s.add((check.local() ? onlyChild() : "ALTER TABLE " + scratch) + " ADD " + check.clause());
        }
        for (Relation parent : parents) {
            s.add(alterChild + " INHERIT " + parent.name);
        }
        s.add(alterChild + " NO INHERIT " + scratch);
        s.add("DROP TABLE " + scratch);
        for (Column c : columns.of(child.oid)) {
            if (!c.local) {
                inheritedOnly(c, alterChild + " ALTER COLUMN " + Sql.ident(c.name), s);
            }
        }
    }

    /** A column the child only inherits: its own default and foreign options. */
    private void inheritedOnly(Column c, String alterColumn, List<String> s) {
        if (definition.writesDefault(c)) {
            s.add(alterColumn + " SET DEFAULT " + c.defaultExpr);
        }
        if (!c.foreignOptions.isEmpty()) {
            s.add(alterColumn + c.foreignOptions);
        }
    }

    /**
     * The generation clause of column {@code c}. One computed from a column after it cannot be
     * added with its expression, which names a column that does not exist yet: it is added with
     * NULL as expression, and its own set once every column is there (17+, see TableDefinition).
     */
    private String generated(Column c, List<String> expressions) {
        String kind = c.generated == 's' ? " STORED" : " VIRTUAL";
        if (!c.referencesLater) {
            return " GENERATED ALWAYS AS (" + c.defaultExpr + ")" + kind;
        }
        expressions.add((c.local ? onlyChild() : "ALTER TABLE " + scratch) + " ALTER COLUMN " + Sql.ident(c.name)
                + " SET EXPRESSION AS (" + c.defaultExpr + ")");
        return " GENERATED ALWAYS AS (NULL::" + c.type + ")" + kind;
    }

    private String onlyChild() {
        return "ALTER " + child.keyword() + "ONLY " + child.name;
    }

    /**
     * NOT NULL constraints that the child's columns did not declare, before the real parents are
     * inherited (which requires them): the child's own on the child, the inherited ones through
     * the scratch parent.
     */
    private void notNulls(List<String> s) {
        for (Column c : columns.of(child.oid)) {
            String column = Sql.ident(c.name);
            NotNullConstraint nn = c.notNullConstraint;
            String setNotNull = onlyChild() + " ALTER COLUMN " + column + " SET NOT NULL";
            if (nn != null) {
                // the column declared its own; an inherited one is added to the scratch parent
                if (nn.valid() && (!c.local || !nn.local())) {
                    s.add((nn.local() ? onlyChild() : "ALTER TABLE " + scratch) + " ADD CONSTRAINT " + Sql.ident(nn.name())
                            + " NOT NULL " + column + (nn.noInherit() ? " NO INHERIT" : ""));
                }
            } else if (c.notNull && !c.local) {
                // from an older major: as 18 makes it, inherited under the parent's name, else the child's own
                String name = definition.targetVersion() >= 180000 ? definition.inheritedNotNullName(parents, c.name) : null;
                s.add(name == null ? setNotNull : "ALTER TABLE " + scratch + " ADD CONSTRAINT " + Sql.ident(name) + " NOT NULL " + column);
            }
        }
    }
}
