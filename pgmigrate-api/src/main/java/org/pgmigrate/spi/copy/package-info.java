/**
 * How the rows of a table travel from the source to the target: the {@link
 * org.pgmigrate.spi.copy.CopyStrategy} a migration asks for each table's {@link
 * org.pgmigrate.spi.copy.CopyPlan} (format, parts, a {@link org.pgmigrate.spi.copy.RowTransform}
 * in the relay, a throttle). The built-in strategy is one of them; register your own with
 * {@code Migration.Builder.copyStrategy}.
 *
 * <p><b>Incubating</b>: these interfaces may change between minor versions.
 */
package org.pgmigrate.spi.copy;
