/**
 * Typed configuration of the coordinator and the infrastructure beans it needs.
 */
package io.dtm.server.config;
