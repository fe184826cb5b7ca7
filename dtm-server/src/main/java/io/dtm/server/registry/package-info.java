/**
 * Service registry integration: Nacos registration with exponential back-off, D1003
 * classification and reporting (log, health, metric), background re-registration, and the
 * resolvers for {@code nacos://} and {@code lb://} branch URLs.
 */
package io.dtm.server.registry;
