package org.pgmigrate.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RowCountsTest {
    // 100,000 accounts of 150 bytes and 25,000 orders of 400 bytes on top of 20 MB of fixed size
    private static final Calibration CALIBRATION = Calibration.measured(55_000_000L, 15_000_000L, 100_000, 10_000_000L, 25_000);

    @Test
    void calibrationSeparatesTheFixedPartFromTheCostOfARow() {
        assertThat(CALIBRATION.fixedBytes()).isEqualTo(30_000_000L);
        assertThat(CALIBRATION.accountBytesPerRow()).isEqualTo(150.0);
        assertThat(CALIBRATION.wideBytesPerRow()).isEqualTo(400.0);
    }

    @Test
    void givesAccountsMostOfTheSizeAndTheWideTableTheRest() {
        RowCounts rows = RowCounts.forSize(1_030_000_000L, CALIBRATION, 200, Shape.MIXED);

        assertThat(rows.accounts()).isEqualTo(5_333_333L); // 800 MB / 150 B
        assertThat(rows.wide()).isEqualTo(500_000L); // 200 MB / 400 B
        double predicted = CALIBRATION.fixedBytes() + rows.accounts() * 150.0 + rows.wide() * 400.0;
        assertThat(predicted).isCloseTo(1_030_000_000.0, within(1_000.0));
        assertThat(rows.total()).isEqualTo(5_333_333L + 500_000L + 200 * 100);
        assertThat(rows.tables()).isEqualTo(202);
    }

    @Test
    void neverGoesBelowAThousandRowsPerLargeTable() {
        RowCounts rows = RowCounts.forSize(10_000_000L, CALIBRATION, 10_000, Shape.MIXED);

        assertThat(rows.accounts()).isEqualTo(1_000L);
        assertThat(rows.wide()).isEqualTo(1_000L);
        assertThat(rows.tables()).isEqualTo(10_002);
    }

    @Test
    void theWideShapeGivesOrdersEverythingAndManySmallNothing() {
        RowCounts wide = RowCounts.forSize(1_030_000_000L, CALIBRATION, 200, Shape.WIDE);
        assertThat(wide.accounts()).isZero();
        assertThat(wide.wide()).isEqualTo(2_500_000L); // 1,000 MB / 400 B

        RowCounts small = RowCounts.forSize(1_030_000_000L, CALIBRATION, 10_000, Shape.MANY_SMALL);
        assertThat(small.accounts()).isZero();
        assertThat(small.wide()).isZero();
        assertThat(small.total()).isEqualTo(10_000 * 100);
    }

    @Test
    void refusesAnImplausibleCalibration() {
        assertThatThrownBy(() -> Calibration.measured(10L, 0L, 100, 5L, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
