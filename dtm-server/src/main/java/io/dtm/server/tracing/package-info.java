/**
 * Tracing of the coordinator: the gid as baggage of passes and branch calls when
 * Micrometer Tracing is on.
 */
package io.dtm.server.tracing;
