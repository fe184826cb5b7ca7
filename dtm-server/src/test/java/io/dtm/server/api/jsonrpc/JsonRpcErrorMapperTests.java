package io.dtm.server.api.jsonrpc;

import io.dtm.core.JsonRpcCodes;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.DtmApiException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRpcErrorMapperTests {

	private final JsonRpcErrorMapper mapper = new JsonRpcErrorMapper(
			new StaticListableBeanFactory().getBeanProvider(StoreFailures.class));

	@Test
	void whenHttpWouldAnswer409ShouldBeDtmsFailureCode() {
		JsonRpcError error = this.mapper.map(new DtmApiException.Conflict("current status 'succeed', cannot prepare"));

		assertThat(error.code()).isEqualTo(JsonRpcCodes.FAILURE);
		assertThat(error.getMessage()).isEqualTo("current status 'succeed', cannot prepare");
	}

	@Test
	void whenHttpWouldAnswer400Or425Or500ShouldBeAnInternalErrorWithTheSameMessage() {
		assertThat(this.mapper.map(new DtmApiException.BadRequest("gid is missing or empty")))
			.extracting(JsonRpcError::code, JsonRpcError::getMessage)
			.containsExactly(JsonRpcCodes.INTERNAL_ERROR, "gid is missing or empty");
		assertThat(this.mapper.map(new DtmApiException.Ongoing("later")).code()).isEqualTo(JsonRpcCodes.INTERNAL_ERROR);
		assertThat(this.mapper.map(new DtmApiException.Failed("no trans with gid: g")).code())
			.isEqualTo(JsonRpcCodes.INTERNAL_ERROR);
		assertThat(this.mapper.map(new IllegalStateException("bug")).getMessage()).isEqualTo("bug");
	}

	@Test
	void whenAlreadyAJsonRpcErrorShouldKeepIt() {
		JsonRpcError error = JsonRpcError.methodNotFound("x");

		assertThat(this.mapper.map(error)).isSameAs(error);
	}

}
