package org.pgmigrate.spi.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyPlanTest {
    @Test
    void eachChangeGivesANewPlanAndLeavesTheOldOne() {
        RowTransform unchanged = (row, offset, length, out) -> out.write(row, offset, length);
        CopyPlan whole = CopyPlan.binary();
        CopyPlan changed = whole.withParts(List.of("id < 10", "id >= 10")).withTransform(unchanged).withMaxBytesPerSecond(1000).withBinary(false);

        assertThat(whole.isBinary()).isTrue();
        assertThat(whole.parts()).isEmpty();
        assertThat(whole.transform()).isEmpty();
        assertThat(whole.maxBytesPerSecond()).isEqualTo(Long.MAX_VALUE);
        assertThat(changed.isBinary()).isFalse();
        assertThat(changed.parts()).containsExactly("id < 10", "id >= 10");
        assertThat(changed.transform()).containsSame(unchanged);
        assertThat(changed.maxBytesPerSecond()).isEqualTo(1000);
        assertThat(changed.toString()).isEqualTo("text, 2 parts, through " + unchanged + ", at most 1000 bytes/s");
        assertThat(CopyPlan.text().withBinary(true)).isEqualTo(CopyPlan.binary()).hasSameHashCodeAs(CopyPlan.binary());
    }

    @Test
    void emptyPartsAndThrottlesBelowOneAreRefused() {
        assertThatThrownBy(() -> CopyPlan.text().withParts(List.of("id < 10", " "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CopyPlan.text().withMaxBytesPerSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void aTableFindsItsFieldsByColumnName() {
        CopyTable table = new CopyTable("sales", "Order", List.of(new CopyTable.CopyColumn("id", "integer"),
                new CopyTable.CopyColumn("e-mail", "text")), 8192, 10);

        assertThat(table.fieldOf("e-mail")).isEqualTo(1);
        assertThat(table.fieldOf("missing")).isEqualTo(-1);
        assertThat(table.qualifiedName()).isEqualTo("sales.\"Order\"");
    }
}
