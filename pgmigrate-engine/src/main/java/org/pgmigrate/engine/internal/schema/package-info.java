/**
 * Reads the source catalogs and renders the DDL that recreates each object on the target, in
 * dependency order. Pure Java: no pg_dump. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.schema;
