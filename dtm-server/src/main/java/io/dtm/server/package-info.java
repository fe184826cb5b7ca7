/**
 * The DTM-compatible coordinator application.
 */
package io.dtm.server;
