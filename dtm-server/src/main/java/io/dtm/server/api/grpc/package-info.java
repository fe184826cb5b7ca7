/**
 * dtm's gRPC API ({@code dtmgimp.Dtm}) over the same service layer as the HTTP API.
 */
package io.dtm.server.api.grpc;
