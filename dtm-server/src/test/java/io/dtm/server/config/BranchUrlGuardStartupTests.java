package io.dtm.server.config;

import java.util.List;

import io.dtm.server.engine.BranchUrlGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The branch URL guard as the coordinator builds it at start-up: the warnings that name
 * the setting, and a pattern that cannot be read stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class BranchUrlGuardStartupTests {

	private final DtmServerProperties properties = new DtmServerProperties();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void whenTheDevelopmentDefaultAllowsEverythingShouldWarnNamingTheSetting(CapturedOutput output) {
		BranchUrlGuard guard = new CoordinatorConfiguration().branchUrlGuard(this.properties, this.environment);

		assertThat(guard.isPermissive()).isTrue();
		assertThat(output).contains("WARN").contains("dtm.server.security.branch-urls.allow is '*'");
	}

	@Test
	void whenNothingIsAllowedShouldWarnThatEveryBranchUrlIsRefused(CapturedOutput output) {
		this.properties.getSecurity().getBranchUrls().setAllow(List.of());

		BranchUrlGuard guard = new CoordinatorConfiguration().branchUrlGuard(this.properties, this.environment);

		assertThat(guard.allowsNothing()).isTrue();
		assertThat(output).contains("dtm.server.security.branch-urls.allow is empty: every branch URL is refused");
	}

	@Test
	void whenAPatternCannotBeReadTheStartShouldFailNamingIt() {
		this.properties.getSecurity().getBranchUrls().setDeny(List.of("10.0.0.0/40"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CoordinatorConfiguration().branchUrlGuard(this.properties, this.environment))
			.withMessageContaining("dtm.server.security.branch-urls.deny")
			.withMessageContaining("10.0.0.0/40");
	}

}
