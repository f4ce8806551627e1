/**
 * The journal a migration keeps in its target database, so that a failed, cancelled or killed run
 * can be resumed, and the runner that makes each task atomic with its journal record and retries
 * transient failures. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.journal;
