/**
 * The public API of pgmigrate: start at {@link org.pgmigrate.Migration}.
 *
 * <p>Stable: types here change only compatibly within a major version. Every value type is
 * immutable and built through its own {@code builder()}; failures are unchecked
 * {@link org.pgmigrate.PgMigrateException}s.
 */
@ValueStyle
package org.pgmigrate;
