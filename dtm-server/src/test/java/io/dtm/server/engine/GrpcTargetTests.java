package io.dtm.server.engine;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GrpcTarget}: dtm's rule of which URLs go over gRPC, and the URL forms.
 */
class GrpcTargetTests {

	@ParameterizedTest(name = "{0} with protocol {1}: {2}")
	@CsvSource(textBlock = """
			localhost:50051/busi.Busi/TransOut, grpc,     true
			localhost:50051/busi.Busi/TransOut, json-rpc, true
			localhost:50051/busi.Busi/TransOut, http,     false
			localhost:50051/busi.Busi/TransOut, '',       false
			nacos://busi/busi.Busi/TransOut,    grpc,     true
			nacos://busi/api/TransOut,          http,     false
			http://localhost:8081/api/TransOut, grpc,     false
			https://localhost/api/TransOut,     grpc,     false
			http://h/api/json-rpc?method=X,     json-rpc, false
			nacos://busi/api/rpc?method=X,      json-rpc, false
			nacos://busi/busi.Busi/TransOut,    json-rpc, true
			'',                                 grpc,     false
			""")
	void whenUrlAndProtocolAreGivenShouldSayWhetherDtmCallsOverGrpc(String url, String protocol, boolean grpc) {
		assertThat(GrpcTarget.isGrpc(url, protocol)).isEqualTo(grpc);
	}

	@Test
	void whenProtocolIsMissingShouldTreatItAsHttp() {
		assertThat(GrpcTarget.isGrpc("localhost:50051/busi.Busi/TransOut", null)).isFalse();
		assertThat(GrpcTarget.isGrpc(null, "grpc")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			localhost:50051/busi.Busi/TransOut,   localhost:50051,   busi.Busi/TransOut
			127.0.0.1:1/Svc/M,                    127.0.0.1:1,       Svc/M
			[::1]:8080/a.b.c.Svc/Method_1,        [::1]:8080,        a.b.c.Svc/Method_1
			busi-svc.ns.svc:65535/busi.Busi/Try,  busi-svc.ns.svc:65535, busi.Busi/Try
			""")
	void whenUrlIsHostPortAndMethodShouldSplitAtTheFirstSlash(String url, String authority, String method) {
		GrpcTarget target = GrpcTarget.parse(url);
		assertThat(target.isService()).isFalse();
		assertThat(target.authority()).isEqualTo(authority);
		assertThat(target.fullMethodName()).isEqualTo(method);
	}

	@Test
	void whenUrlNamesAServiceShouldKeepTheUrlForTheResolverAndTakeTheMethodFromThePath() {
		GrpcTarget target = GrpcTarget.parse("nacos://busi/busi.Busi/TransOut?group=G1");
		assertThat(target.isService()).isTrue();
		assertThat(target.authority()).isNull();
		assertThat(target.serviceUrl()).isEqualTo(URI.create("nacos://busi/busi.Busi/TransOut?group=G1"));
		assertThat(target.fullMethodName()).isEqualTo("busi.Busi/TransOut");
		assertThat(GrpcTarget.parse("lb://busi_svc/busi.Busi/TransIn").fullMethodName()).isEqualTo("busi.Busi/TransIn");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost:50051                      | no '/' between host:port
			localhost/busi.Busi/TransOut         | expected host:port
			:50051/busi.Busi/TransOut            | expected host:port
			localhost:0/busi.Busi/TransOut       | not a port between 1 and 65535
			localhost:70000/busi.Busi/TransOut   | not a port between 1 and 65535
			localhost:8o80/busi.Busi/TransOut    | not a port between 1 and 65535
			::1:50051/busi.Busi/TransOut         | not a host name or address
			my host:50051/busi.Busi/TransOut     | not a host name or address
			localhost:50051/                     | not a method name
			localhost:50051/busi.Busi            | not a method name
			localhost:50051/busi.Busi/           | not a method name
			localhost:50051//TransOut            | not a method name
			localhost:50051/busi.Busi/Trans/Out  | not a method name
			localhost:50051/busi.Busi/TransOut?x | not a method name
			nacos://busi                         | no method after the service
			nacos://busi/                        | no method after the service
			nacos://busi/busi.Busi               | not a method name
			nacos:///busi.Busi/TransOut          | expected scheme://service
			nacos://u@busi/busi.Busi/TransOut    | expected scheme://service
			nacos://busi/busi.Busi/TransOut#f    | a fragment is not allowed
			nacos://bu si/busi.Busi/TransOut     | Illegal character
			""")
	void whenUrlIsMalformedShouldSayWhatIsWrongAndNameTheUrl(String url, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> GrpcTarget.parse(url))
			.withMessageContaining("gRPC URL '" + url + "' is malformed")
			.withMessageContaining(problem);
	}

	@Test
	void whenUrlIsEmptyShouldRefuseIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> GrpcTarget.parse("")).withMessage("gRPC URL is empty");
	}

}
