package io.dtm.client;

import io.dtm.core.TransRequest;

/**
 * How {@link DtmTemplate} sends the calls that create and drive a global transaction
 * ({@code newGid}, {@code prepare}, {@code submit}, {@code abort},
 * {@code registerBranch}) to the coordinator: over HTTP (the default) or over dtm's gRPC
 * API ({@code io.dtm.client.grpc.GrpcCoordinatorTransport}). An implementation only
 * reports what happened on its wire as a {@link CoordinatorReply}; retries and the
 * exceptions are the template's, the same for every transport. Queries, the ping and the
 * branch calls the initiator makes itself always go over HTTP.
 */
public interface CoordinatorTransport {

	/**
	 * Ask for a new gid.
	 * @return the reply, whose {@link CoordinatorReply#value()} is the gid on success
	 */
	CoordinatorReply newGid();

	/**
	 * Send a global transaction call.
	 * @param endpoint {@code prepare}, {@code submit} or {@code abort}
	 * @param request the transaction
	 * @return the reply
	 */
	CoordinatorReply send(String endpoint, TransRequest request);

	/**
	 * Register a TCC or XA branch.
	 * @param registration the branch
	 * @return the reply
	 */
	CoordinatorReply registerBranch(BranchRegistration registration);

}
