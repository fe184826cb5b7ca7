package io.dtm.server.service;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.ServiceUrlResolver;
import io.dtm.server.engine.UrlResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the branch URLs {@link RequestValidator} accepts for transactions whose
 * branches dtm calls over gRPC.
 */
class RequestValidatorGrpcUrlTests {

	private final RequestValidator validator = new RequestValidator(new DtmServerProperties(), UrlResolver.http(),
			new ObjectMapper());

	@Test
	void whenProtocolIsGrpcShouldAcceptGrpcAndHttpUrls() {
		TransRequest saga = saga("grpc", "localhost:50051/busi.Busi/TransOut", "http://p/api/Compensate");

		assertThatNoException().isThrownBy(() -> this.validator.newTransaction(saga, TransType.SAGA, false));
	}

	@Test
	void whenProtocolIsJsonRpcAUrlWithoutHttpShouldBeCheckedAsGrpcAsDtmCallsIt() {
		assertThatNoException().isThrownBy(() -> this.validator
			.newTransaction(saga("json-rpc", "localhost:50051/busi.Busi/TransOut", ""), TransType.SAGA, false));
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(
					() -> this.validator.newTransaction(saga("json-rpc", "localhost:50051", ""), TransType.SAGA, false))
			.withMessageContaining("gRPC URL 'localhost:50051' is malformed");
	}

	@Test
	void whenGrpcUrlIsMalformedShouldRefuseItNamingFieldAndUrl() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.newTransaction(saga("grpc", "localhost:50051/busi.Busi", ""),
					TransType.SAGA, false))
			.withMessageStartingWith("steps[0].action: gRPC URL 'localhost:50051/busi.Busi' is malformed");
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.url("query_prepared", "busi:/x", false, "grpc"))
			.withMessageContaining("query_prepared");
	}

	@Test
	void whenProtocolIsHttpAGrpcFormShouldStillBeRefusedAsBefore() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.newTransaction(saga(null, "localhost:50051/busi.Busi/TransOut", ""),
					TransType.SAGA, false))
			.withMessageContaining("is not a supported absolute URL");
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.url("url", "localhost:50051/busi.Busi/TransOut", false))
			.withMessageContaining("is not a supported absolute URL");
	}

	@Test
	void whenGrpcUrlNamesAServiceItShouldNeedAResolverForTheScheme() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.url("url", "nacos://busi/busi.Busi/TransOut", false, "grpc"))
			.withMessageContaining("no resolver supports the scheme 'nacos'");
		ServiceUrlResolver nacos = new ServiceUrlResolver() {

			@Override
			public boolean supports(URI url) {
				return "nacos".equals(url.getScheme());
			}

			@Override
			public URI resolve(URI url) {
				throw new IllegalStateException("not called");
			}

		};
		RequestValidator discovering = new RequestValidator(new DtmServerProperties(),
				UrlResolver.withServices(List.of(nacos)), new ObjectMapper());
		assertThatNoException()
			.isThrownBy(() -> discovering.url("url", "nacos://busi/busi.Busi/TransOut?group=G", false, "grpc"));
	}

	@Test
	void whenProtocolIsUnknownShouldNameTheSupportedOnes() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.newTransaction(saga("thrift", "http://p/a", ""), TransType.SAGA, false))
			.withMessage("protocol 'thrift' is not supported; only http, json-rpc and grpc");
	}

	private static TransRequest saga(String protocol, String action, String compensate) {
		return new TransRequest("g1", "saga", List.of(Map.of("action", action, "compensate", compensate)), null, null,
				null, protocol, false, 0, 0, 0, null, false, 0, 0, null, null);
	}

}
