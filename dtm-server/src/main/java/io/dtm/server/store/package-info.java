/**
 * The {@link io.dtm.server.store.TransStore} SPI and the records it stores. Every
 * implementation passes the same contract test suite.
 */
package io.dtm.server.store;
