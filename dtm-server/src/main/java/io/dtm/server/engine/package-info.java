/**
 * The transaction engine: the status machine, one processor per mode, the branch invoker
 * and the worker that runs one processing pass of a transaction.
 */
package io.dtm.server.engine;
