package io.dtm.server.api.grpc;

import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.DtmApiException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmGrpcExceptionHandler}: dtm's status code for each kind of refusal,
 * with the HTTP API's message as the description.
 */
class DtmGrpcExceptionHandlerTests {

	private final ObjectProvider<StoreFailures> noStore = new StaticListableBeanFactory()
		.getBeanProvider(StoreFailures.class);

	private final DtmGrpcExceptionHandler compatible = new DtmGrpcExceptionHandler(this.noStore, false);

	private final DtmGrpcExceptionHandler strict = new DtmGrpcExceptionHandler(this.noStore, true);

	@Test
	void whenTheStoredStateRefusesShouldAnswerAbortedAsDtmsFailure() {
		Status status = this.compatible.status(new DtmApiException.Conflict("current status 'failed', cannot submit"));

		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(status.getDescription()).isEqualTo("current status 'failed', cannot submit");
	}

	@Test
	void whenTheTransactionIsStillOngoingShouldAnswerFailedPrecondition() {
		Status status = this.compatible.status(new DtmApiException.Ongoing("branch answered ONGOING"));

		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(status.getDescription()).isEqualTo("branch answered ONGOING");
	}

	@Test
	void whenInputIsBadShouldAnswerInternalAsDtmOrInvalidArgumentWhenStrict() {
		DtmApiException.BadRequest bad = new DtmApiException.BadRequest("gid is missing");

		assertThat(this.compatible.status(bad).getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(this.strict.status(bad).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(this.strict.status(bad).getDescription()).isEqualTo("gid is missing");
	}

	@Test
	void whenAnotherRefusalHappensShouldAnswerUnknownAsAPlainGoError() {
		Status status = this.strict.status(new DtmApiException.Failed("no trans with gid: g1"));

		assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
		assertThat(status.getDescription()).isEqualTo("no trans with gid: g1");
	}

	@Test
	void whenABugEscapesShouldAnswerInternalWithItsMessage() {
		Status status = this.compatible.status(new IllegalStateException("unexpected"));

		assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(status.getDescription()).isEqualTo("unexpected");
		assertThat(this.compatible.handleException(new IllegalStateException("x")).getStatus().getCode())
			.isEqualTo(Status.Code.INTERNAL);
	}

}
