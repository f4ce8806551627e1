/**
 * Service-provider interfaces between the API and its implementations. Incubating: may change
 * between minor versions.
 */
package org.pgmigrate.spi;
