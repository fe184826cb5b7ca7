/**
 * The D-codes D1001–D1004 in one place: the
 * {@link io.dtm.core.diagnostics.DiagnosticCause} catalogue (code, cause in words,
 * action, property, manual check), the
 * {@link io.dtm.core.diagnostics.DiagnosticClassifier} that turns database, Redis and
 * file-system failures into a {@link io.dtm.core.diagnostics.Diagnosis}, and the health
 * details both the coordinator and the starter report. Framework-free.
 */
package io.dtm.core.diagnostics;
