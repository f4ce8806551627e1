/**
 * The live status of a run: a listener that follows it ({@link org.pgmigrate.engine.internal.status.StatusTracker}),
 * and the JDK's HTTP server showing it as a page and as JSON while it runs
 * ({@link org.pgmigrate.engine.internal.status.StatusServer}).
 */
package org.pgmigrate.engine.internal.status;
