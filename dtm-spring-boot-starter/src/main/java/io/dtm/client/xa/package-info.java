/**
 * Participant side of XA on MySQL-compatible databases.
 */
package io.dtm.client.xa;
