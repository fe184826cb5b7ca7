package io.dtm.server.engine;

import java.time.Duration;
import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProtocolBranchInvoker}: the invoker dtm's {@code getURLResult} would
 * choose for each protocol and URL.
 */
class ProtocolBranchInvokerTests {

	@ParameterizedTest(name = "{1} {0} -> {2}")
	@CsvSource(textBlock = """
			http://p/api/TransOut,              http,     http
			nacos://busi/api/TransOut,          http,     http
			localhost:50051/busi.Busi/TransOut, http,     http
			'',                                 http,     http
			'',                                 grpc,     http
			localhost:50051/busi.Busi/TransOut, grpc,     grpc
			nacos://busi/busi.Busi/TransOut,    grpc,     grpc
			lb://busi/busi.Busi/TransOut,       grpc,     grpc
			http://p/api/TransOut,              grpc,     http
			https://p/api/TransOut,             grpc,     http
			http://p/api/json-rpc?method=Out,   json-rpc, json-rpc
			http://p/api/TransOut,              json-rpc, http
			localhost:50051/busi.Busi/method,   json-rpc, grpc
			nacos://busi/api/rpc?method=Out,    json-rpc, json-rpc
			nacos://busi/busi.Busi/TransOut,    json-rpc, grpc
			""")
	void whenUrlAndProtocolAreGivenShouldCallTheInvokerDtmWouldUse(String url, String protocol, String expected) {
		ProtocolBranchInvoker invoker = new ProtocolBranchInvoker(named("http"), named("json-rpc"), named("grpc"));

		BranchCallResult result = invoker.invoke(new BranchRequest(url, "g1", TransType.SAGA, "01", BranchOp.ACTION,
				new byte[0], Map.of(), Duration.ofSeconds(1), protocol));

		assertThat(result.detail()).isEqualTo(expected);
	}

	private static BranchInvoker named(String name) {
		return (request) -> new BranchCallResult(BranchOutcome.SUCCESS, name);
	}

}
