/**
 * Private implementation: runs a migration plan. No compatibility guarantees.
 */
package org.pgmigrate.engine.internal;
