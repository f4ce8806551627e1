package org.pgmigrate.engine.internal.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.online.CopiedTables.CopiedTable;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Tuple;

/**
 * A table as the stream describes it, and the statements that apply its changes on the target.
 * Identifiers are quoted; values are always bound parameters, text cast to the column's type. Stored generated columns are not in the stream and are never written.
 */
final class ReplicatedRelation {
    /** Types without an equality operator: compared through their text form when a whole old row identifies a row. */
    private static final Set<Integer> NO_EQUALITY = Set.of(114, 142, 600, 601, 602, 604, 628);

    private final Relation relation;
    private final CopiedTable copied;
    private final String table;
    private final boolean fullIdentity;
    private final String insert;

    ReplicatedRelation(Relation relation, CopiedTable copied) {
        this.relation = relation;
        this.copied = copied;
        this.table = Sql.qualified(relation.schema(), relation.name());
        this.fullIdentity = relation.replicaIdentity() == 'f';
        List<String> names = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < relation.columns().size(); i++) {
            names.add(Sql.ident(relation.columns().get(i).name()));
            params.add(parameter(i));
        }
        // OVERRIDING SYSTEM VALUE writes the source's value into GENERATED ALWAYS identity columns
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ")"
                + (hasIdentityAlways() ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + String.join(", ", params) + ")";
    }

    /**
     * A bound text value cast to the column's type: typed parameters let the driver send a whole
     * batch in one round trip and the server plan the statement once.
     */
    private String parameter(int column) {
        return "CAST(? AS " + copied.columns().get(column).castType() + ")";
    }

    int oid() {
        return relation.oid();
    }

    String table() {
        return table;
    }

    int columnCount() {
        return relation.columns().size();
    }

    private boolean hasIdentityAlways() {
        return copied.columns().stream().anyMatch(CopiedTables.CopiedColumn::identityAlways);
    }

    String insertSql() {
        return insert;
    }

    /**
     * The statement that updates the row {@code where} finds to {@code row}: columns whose TOASTed
     * value did not change are not sent and are left alone; identity-always columns that are part
     * of an unchanged key cannot be written and need not be. An identity-always column that must
     * be written (its key changed, or it is no key) cannot be by an UPDATE: the row is then
     * deleted and inserted again with its new values, in one statement.
     *
     * @param keyChanged whether the old key was sent (the key changed)
     * @return the statement and the columns of {@code row} it binds, in order, before {@code where}'s
     */
    Statement update(Tuple row, boolean keyChanged, Statement where) {
        List<String> sets = new ArrayList<>();
        List<Integer> bound = new ArrayList<>();
        boolean move = false;
        for (int i = 0; i < columnCount(); i++) {
            PgOutputMessage.Column c = relation.columns().get(i);
            boolean identityAlways = copied.columns().get(i).identityAlways();
            if (row.get(i).unchanged() || identityAlways && c.key() && !keyChanged && !fullIdentity) {
                continue;
            }
            move |= identityAlways;
            sets.add(Sql.ident(c.name()) + " = " + parameter(i));
            bound.add(i);
        }
        if (move) {
            return move(row, where);
        }
        if (sets.isEmpty()) {
            // still an UPDATE, so that a missing row is noticed
            String first = Sql.ident(relation.columns().get(0).name());
            sets.add(first + " = " + first);
        }
        return new Statement("UPDATE ONLY " + table + " SET " + String.join(", ", sets) + where.sql(), bound);
    }

    /**
     * Deletes the row {@code where} finds and inserts it again with the values of {@code row},
     * the old row's where a TOASTed value did not change: none when the row is missing.
     */
    private Statement move(Tuple row, Statement where) {
        List<String> sent = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Integer> bound = new ArrayList<>();
        for (int i = 0; i < columnCount(); i++) {
            String name = Sql.ident(relation.columns().get(i).name());
            names.add(name);
            if (row.get(i).unchanged()) {
                values.add("old." + name);
            } else {
                String alias = Sql.ident("c" + i);
                sent.add(parameter(i) + " AS " + alias);
                values.add("new." + alias);
                bound.add(i);
            }
        }
        return new Statement("WITH new AS (SELECT " + String.join(", ", sent) + "), old AS (DELETE FROM ONLY " + table + where.sql()
                + " RETURNING *) INSERT INTO " + table + " (" + String.join(", ", names) + ") OVERRIDING SYSTEM VALUE SELECT "
                + String.join(", ", values) + " FROM old, new", bound);
    }

    /**
     * The WHERE clause finding the row of {@code key} (the old key, the whole old row under
     * REPLICA IDENTITY FULL, or the new row when the key did not change) and the columns it binds.
     * Under FULL identity one row of possibly several identical ones is chosen by ctid.
     */
    Statement where(Tuple key) {
        List<String> conditions = new ArrayList<>();
        List<Integer> bound = new ArrayList<>();
        for (int i = 0; i < columnCount(); i++) {
            PgOutputMessage.Column c = relation.columns().get(i);
            if (!c.key() || key.get(i).unchanged()) {
                continue;
            }
            String column = Sql.ident(c.name());
            if (fullIdentity) {
                conditions.add(NO_EQUALITY.contains(c.typeOid())
                        ? column + "::text IS NOT DISTINCT FROM CAST(? AS text)" : column + " IS NOT DISTINCT FROM " + parameter(i));
            } else {
                conditions.add(column + " = " + parameter(i));
            }
            bound.add(i);
        }
        if (conditions.isEmpty()) {
            throw new IllegalStateException("Table " + table + " has no replica identity columns in the stream");
        }
        String condition = String.join(" AND ", conditions);
        String sql = fullIdentity
                ? " WHERE ctid = (SELECT ctid FROM ONLY " + table + " WHERE " + condition + " LIMIT 1)"
                : " WHERE " + condition;
        return new Statement(sql, bound);
    }

    String deleteSql(Statement where) {
        return "DELETE FROM ONLY " + table + where.sql();
    }

    /** SQL and the tuple positions its parameters take, in order. */
    record Statement(String sql, List<Integer> columns) {}
}
