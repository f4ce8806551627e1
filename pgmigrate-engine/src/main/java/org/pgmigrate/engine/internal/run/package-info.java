/**
 * How a run is started, watched and stopped: its handle and outcome, the threads it works on,
 * its cancellation (of the whole run or of one database of several), the caller's listener
 * guarded, migration ids, and the timeline of its work.
 */
package org.pgmigrate.engine.internal.run;
