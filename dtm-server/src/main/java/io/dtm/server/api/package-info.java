/**
 * Thin HTTP controllers for dtm's API ({@code /api/dtmsvr/*}, {@code /api/ping},
 * {@code /api/health}) and the one place that maps errors to dtm's response envelope.
 */
package io.dtm.server.api;
