/**
 * The OpenAPI description of dtm's HTTP API ({@code /v3/api-docs}, committed as
 * {@code docs/openapi.yaml}): its document-wide parts and the documentation-only schemas
 * of the JSON bodies the controllers read and answer as maps.
 */
package io.dtm.server.api.openapi;
