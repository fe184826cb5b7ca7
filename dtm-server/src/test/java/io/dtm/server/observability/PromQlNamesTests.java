package io.dtm.server.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromQlNames}.
 */
class PromQlNamesTests {

	@Test
	void whenAnExpressionHasFunctionsLabelsRangesAndGroupingOnlyMetricNamesShouldRemain() {
		String expression = "histogram_quantile(0.99, sum by (le, api) (rate(dtm_server_response_duration_bucket"
				+ "{job=~\"$job\",instance=~\"$instance\"}[$__rate_interval])))";

		assertThat(PromQlNames.of(expression)).containsExactly("dtm_server_response_duration_bucket");
	}

	@Test
	void whenTwoSeriesAreComparedWithKeywordsAndNumbersBothShouldBeFound() {
		String expression = "sum by (job) (rate(a_total{status=\"error\"}[5m])) / on (job) group_left (x) "
				+ "sum by (job) (rate(b_total[5m])) > 0.05 and absent(up{job=\"dtm-server\"}) unless c offset 1h";

		assertThat(PromQlNames.of(expression)).containsExactly("a_total", "b_total", "c", "up");
	}

	@Test
	void whenALabelValueLooksLikeANameItShouldNotBeTakenForOne() {
		assertThat(PromQlNames.of("max(x{code=~\"D1001|D1002\", area='heap'}) > 1e3")).containsExactly("x");
	}

}
