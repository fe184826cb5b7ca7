package io.dtm.client.grpc;

import io.grpc.ManagedChannelBuilder;

/**
 * Customizes the channel the gRPC coordinator transport builds
 * ({@code dtm.client.transport=grpc}): add an interceptor, say the observation one that
 * carries the current trace context to the coordinator.
 */
@FunctionalInterface
public interface GrpcCoordinatorChannelCustomizer {

	/**
	 * Customize the channel before it is built.
	 * @param builder the channel's builder
	 */
	void customize(ManagedChannelBuilder<?> builder);

}
