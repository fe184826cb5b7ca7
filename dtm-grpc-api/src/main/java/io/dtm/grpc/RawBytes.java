package io.dtm.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;

/**
 * dtm's raw codec: a message is its bytes, never encoded or decoded. The coordinator
 * calls gRPC branches this way (the payload a client gave is what the participant
 * receives), and a participant can serve any method this way.
 */
public enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {

	/** The marshaller. */
	INSTANCE;

	@Override
	public InputStream stream(byte[] value) {
		return new ByteArrayInputStream(value);
	}

	@Override
	public byte[] parse(InputStream stream) {
		try {
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A unary method whose request and reply are raw bytes.
	 * @param fullMethodName {@code package.Service/Method}
	 * @return the method descriptor
	 */
	public static MethodDescriptor<byte[], byte[]> unaryMethod(String fullMethodName) {
		return MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(fullMethodName)
			.setRequestMarshaller(INSTANCE)
			.setResponseMarshaller(INSTANCE)
			.build();
	}

}
