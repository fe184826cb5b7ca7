/**
 * Client API of the DTM coordinator: {@link io.dtm.client.DtmOperations} and
 * {@link io.dtm.client.DtmTemplate}, the saga, msg, tcc and xa builders, and the
 * exceptions.
 */
package io.dtm.client;
