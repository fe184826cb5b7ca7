/**
 * The alert webhook: retry alerts posted as JSON in the background, counted in
 * {@code dtm_alert_total}.
 */
package io.dtm.server.alert;
