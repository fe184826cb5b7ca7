package io.dtm.client.workflow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BranchBarrier;

import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/**
 * HTTP calls of workflow branches: a POST with the branch's {@code gid},
 * {@code trans_type=workflow}, {@code branch_id} and {@code op} as query parameters (what
 * the participant's barrier reads), answered 200 SUCCESS, 409 FAILURE or 425 ONGOING.
 */
final class BranchCaller {

	private final RestClient rest;

	BranchCaller(RestClient rest) {
		this.rest = rest;
	}

	/**
	 * Call a branch.
	 * @return the body of a 200 answer
	 * @throws DtmFailure on 409 (or a 200 body with {@code "dtm_result":"FAILURE"})
	 * @throws DtmOngoing on 425
	 * @throws IllegalStateException on any other answer
	 */
	byte[] call(String url, byte[] payload, BranchBarrier barrier) {
		String target = url + ((url.indexOf('?') >= 0) ? '&' : '?') + "gid=" + encode(barrier.getGid()) + "&trans_type="
				+ encode(barrier.getTransType().wireValue()) + "&branch_id=" + encode(barrier.getBranchId()) + "&op="
				+ encode(barrier.getOp().wireValue());
		Object[] reply = this.rest.post()
			.uri(URI.create(target))
			.contentType(MediaType.APPLICATION_JSON)
			.body(payload)
			.exchange((request, response) -> new Object[] { response.getStatusCode().value(),
					StreamUtils.copyToByteArray(response.getBody()) }, true);
		int status = (Integer) reply[0];
		byte[] body = (byte[]) reply[1];
		String text = new String(body, StandardCharsets.UTF_8);
		if (status == 409 || (status == 200 && text.contains("\"FAILURE\""))) {
			throw DtmFailure.of(text, barrier.getGid());
		}
		if (status == 425) {
			throw DtmOngoing.of(text, barrier.getGid());
		}
		if (status != 200) {
			throw new IllegalStateException("workflow branch " + barrier.getBranchId() + " " + barrier.getOp() + " at "
					+ url + " answered HTTP " + status + ": " + text);
		}
		return body;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
