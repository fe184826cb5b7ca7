/**
 * dtm's JSON-RPC 2.0 endpoint, {@code POST /api/json-rpc}: the request envelope, the
 * method table over the same service layer as the HTTP API, and the error codes.
 */
package io.dtm.server.api.jsonrpc;
