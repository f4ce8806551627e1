package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.online.CopiedTables.CopiedColumn;
import org.pgmigrate.engine.internal.online.CopiedTables.CopiedTable;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Column;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Tuple;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Value;

class ReplicatedRelationTest {
    private static final CopiedTable ITEMS = new CopiedTable(1, "shop", "it\"ems", List.of(
            new CopiedColumn("id", 20, "bigint", "bigint", true),
            new CopiedColumn("name", 25, "text", "text", false),
            new CopiedColumn("body", 25, "text", "text", false)));

    private static ReplicatedRelation items(char identity) {
        boolean full = identity == 'f';
        return new ReplicatedRelation(new Relation(1, "shop", "it\"ems", identity, List.of(
                new Column(true, "id", 20, -1), new Column(full, "name", 25, -1), new Column(full, "body", 25, -1))), ITEMS);
    }

    private static Tuple tuple(Value... values) {
        return new Tuple(List.of(values));
    }

    @Test
    void insertsOverrideIdentityAndQuoteEveryName() {
        assertThat(items('d').insertSql()).isEqualTo("INSERT INTO \"shop\".\"it\"\"ems\" (\"id\", \"name\", \"body\")"
                + " OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint), CAST(? AS text), CAST(? AS text))");
    }

    @Test
    void anUpdateLeavesUnchangedToastAndAnUnchangedIdentityKeyAlone() {
        Tuple row = tuple(Value.text("7"), Value.text("new name"), Value.UNCHANGED_TOAST);
        ReplicatedRelation.Statement where = items('d').where(row);
        ReplicatedRelation.Statement set = items('d').update(row, false, where);

        assertThat(set.sql()).isEqualTo("UPDATE ONLY \"shop\".\"it\"\"ems\" SET \"name\" = CAST(? AS text)"
                + " WHERE \"id\" = CAST(? AS bigint)");
        assertThat(set.columns()).containsExactly(1);
        assertThat(where.columns()).containsExactly(0);
    }

    /** An UPDATE cannot set a GENERATED ALWAYS identity column: the row found by its old key is deleted and inserted anew. */
    @Test
    void aChangedIdentityKeyMovesTheRowKeepingUnchangedToast() {
        Tuple row = tuple(Value.text("8"), Value.text("n"), Value.UNCHANGED_TOAST);
        Tuple oldKey = tuple(Value.text("7"), Value.NULL, Value.NULL);
        ReplicatedRelation.Statement where = items('d').where(oldKey);
        ReplicatedRelation.Statement set = items('d').update(row, true, where);

        assertThat(set.sql()).isEqualTo("WITH new AS (SELECT CAST(? AS bigint) AS \"c0\", CAST(? AS text) AS \"c1\"),"
                + " old AS (DELETE FROM ONLY \"shop\".\"it\"\"ems\" WHERE \"id\" = CAST(? AS bigint) RETURNING *)"
                + " INSERT INTO \"shop\".\"it\"\"ems\" (\"id\", \"name\", \"body\") OVERRIDING SYSTEM VALUE"
                + " SELECT new.\"c0\", new.\"c1\", old.\"body\" FROM old, new");
        assertThat(set.columns()).containsExactly(0, 1);
        assertThat(where.columns()).containsExactly(0);
    }

    @Test
    void underFullIdentityOneOfIdenticalRowsIsChosenByCtidSkippingUnchangedToast() {
        Tuple old = tuple(Value.text("7"), Value.NULL, Value.UNCHANGED_TOAST);
        ReplicatedRelation.Statement where = items('f').where(old);

        assertThat(items('f').deleteSql(where)).isEqualTo("DELETE FROM ONLY \"shop\".\"it\"\"ems\" WHERE ctid = (SELECT ctid FROM ONLY"
                + " \"shop\".\"it\"\"ems\" WHERE \"id\" IS NOT DISTINCT FROM CAST(? AS bigint) AND \"name\" IS NOT DISTINCT FROM"
                + " CAST(? AS text) LIMIT 1)");
        assertThat(where.columns()).containsExactly(0, 1);
    }

    @Test
    void anUpdateChangingNothingWritableStillTouchesTheRow() {
        Tuple row = tuple(Value.text("7"), Value.UNCHANGED_TOAST, Value.UNCHANGED_TOAST);
        ReplicatedRelation.Statement where = items('d').where(row);
        assertThat(items('d').update(row, false, where).sql())
                .isEqualTo("UPDATE ONLY \"shop\".\"it\"\"ems\" SET \"id\" = \"id\" WHERE \"id\" = CAST(? AS bigint)");
    }
}
