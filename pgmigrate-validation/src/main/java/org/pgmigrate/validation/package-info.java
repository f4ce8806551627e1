/**
 * Pre-migration validation: {@link org.pgmigrate.validation.Validator} runs every
 * {@link org.pgmigrate.validation.Rule} that applies to a migration and returns an
 * {@link org.pgmigrate.ValidationReport}. Applications reach it through
 * {@link org.pgmigrate.Migration.Builder#validate()}; this package is for writing rules of your
 * own: implement {@link org.pgmigrate.validation.Rule} (or extend
 * {@link org.pgmigrate.validation.BaseRule}) and list the class in
 * {@code META-INF/services/org.pgmigrate.validation.Rule}.
 *
 * <p>Incubating: types here may change between minor versions. The ids of the built-in rules are
 * stable; the classes that implement them (in {@code org.pgmigrate.validation.rules}) are not API.
 */
package org.pgmigrate.validation;
