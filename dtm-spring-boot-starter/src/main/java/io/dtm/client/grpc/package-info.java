/**
 * gRPC support (optional: needs {@code io.grpc} and, for the coordinator transport,
 * {@code dtm-grpc-api}): the branch barrier from a gRPC branch call's {@code dtm-*}
 * metadata, a server interceptor that answers the starter's outcome exceptions with the
 * gRPC statuses dtm expects, and the coordinator transport over dtm's gRPC API.
 */
package io.dtm.client.grpc;
