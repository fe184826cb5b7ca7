package io.dtm.server.diagnostics;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the health and diagnostics checks under
 * {@code dtm.server.diagnostics}. Durations without a unit are read as seconds.
 */
@Validated
@ConfigurationProperties("dtm.server.diagnostics")
public class DiagnosticsProperties {

	/**
	 * Longest time a health or diagnostics check (dtmStore, dtmPaths, the checks of
	 * /actuator/dtm) may take. A check that has not answered by then reports DOWN with
	 * its D-code and "timed out after ..." while it goes on in the background; later
	 * calls wait for that same run instead of starting another one. Keep it below the
	 * probe timeout of your orchestrator (3 s in the Helm chart).
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(millis = 100)
	private Duration checkTimeout = Duration.ofSeconds(2);

	public Duration getCheckTimeout() {
		return this.checkTimeout;
	}

	public void setCheckTimeout(Duration checkTimeout) {
		this.checkTimeout = checkTimeout;
	}

}
