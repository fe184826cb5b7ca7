/**
 * D1001–D1004 diagnostics of the coordinator: the exception classifier, start-up failure
 * analysis, health indicators, the {@code /actuator/dtm} endpoint and the diagnostic log
 * lines.
 */
package io.dtm.server.diagnostics;
