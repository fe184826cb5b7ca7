package io.dtm.samples.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP calls of one global transaction per scenario, as a DTM client makes them.
 */
final class DtmWorkload implements Workload {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String api;

	private final String runId;

	private final ParticipantProcess participant;

	DtmWorkload(String baseUrl, String runId, ParticipantProcess participant) {
		this.api = baseUrl + "/api/dtmsvr/";
		this.runId = runId;
		this.participant = participant;
	}

	@Override
	public boolean run(Scenario scenario, long sequence) throws IOException, InterruptedException {
		String gid = this.runId + "-" + sequence;
		return switch (scenario) {
			case SAGA_EMPTY -> post("submit",
					"{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"wait_result\":true,"
							+ "\"steps\":[{\"action\":\"\",\"compensate\":\"\"},{\"action\":\"\",\"compensate\":\"\"}],"
							+ "\"payloads\":[\"{\\\"amount\\\":30}\",\"{\\\"amount\\\":30}\"]}");
			case SAGA_HTTP, SAGA_GRPC -> callingSaga(gid, scenario);
			case MSG -> msg(gid);
			case TCC -> tcc(gid);
		};
	}

	private boolean callingSaga(String gid, Scenario scenario) throws IOException, InterruptedException {
		// an HTTP client's transaction may name gRPC branch URLs when it says its
		// protocol
		String protocol = (scenario == Scenario.SAGA_GRPC) ? "\"protocol\":\"grpc\"," : "";
		return post("submit",
				"{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\"," + protocol + "\"wait_result\":true,\"steps\":"
						+ steps(this.participant, scenario)
						+ ",\"payloads\":[\"{\\\"amount\\\":30}\",\"{\\\"amount\\\":30}\"]}");
	}

	/**
	 * The steps of a saga calling the bench participant, as dtm's JSON.
	 * @param participant the participant
	 * @param scenario {@code saga-http} or {@code saga-grpc}
	 * @return the {@code steps} array
	 */
	static String steps(ParticipantProcess participant, Scenario scenario) {
		return "[{\"action\":\"" + participant.url(scenario, "TransOut") + "\",\"compensate\":\""
				+ participant.url(scenario, "TransOutRevert") + "\"},{\"action\":\""
				+ participant.url(scenario, "TransIn") + "\",\"compensate\":\""
				+ participant.url(scenario, "TransInRevert") + "\"}]";
	}

	private boolean msg(String gid) throws IOException, InterruptedException {
		String body = "{\"gid\":\"" + gid + "\",\"trans_type\":\"msg\",\"wait_result\":true,"
				+ "\"query_prepared\":\"http://127.0.0.1:1/query\","
				+ "\"steps\":[{\"action\":\"\"},{\"action\":\"\"}],\"payloads\":[\"{}\",\"{}\"]}";
		return post("prepare", body) && post("submit", body);
	}

	private boolean tcc(String gid) throws IOException, InterruptedException {
		String global = "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"wait_result\":true}";
		if (!post("prepare", global)) {
			return false;
		}
		for (String branch : new String[] { "01", "02" }) {
			if (!post("registerBranch", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"branch_id\":\"" + branch
					+ "\",\"confirm\":\"\",\"cancel\":\"\",\"data\":\"{}\"}")) {
				return false;
			}
		}
		return post("submit", global);
	}

	private boolean post(String endpoint, String json) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(URI.create(this.api + endpoint))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 200;
	}

}
