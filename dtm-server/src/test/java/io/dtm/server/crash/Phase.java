package io.dtm.server.crash;

import java.time.Duration;
import java.util.List;

import io.dtm.server.crash.FaultSuiteIT.Expected;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load of the fault suite: one kind of transaction for every mode and every phase a
 * fault can hit it in. Each one is started the way a client would (through the HTTP API,
 * without {@code wait_result}) and has a branch that answers after 4 s, so that the fault
 * finds that phase with a call in flight. Prepared transactions abandoned by their client
 * set {@code timeout_to_fail} 3 so that their timeout falls inside the suite's window.
 */
enum Phase {

	SAGA_IN_FIRST_ACTION {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "a1"), slow());
			saga(http, p, gid, "");
			return new Expected("succeed", List.of(call(gid, "a1", "action"), call(gid, "a2", "action")));
		}
	},

	SAGA_IN_SECOND_ACTION {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "a2"), slow());
			saga(http, p, gid, "");
			return new Expected("succeed", List.of(call(gid, "a1", "action"), call(gid, "a2", "action")));
		}
	},

	SAGA_IN_COMPENSATION {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.always(path(gid, "a2"), Reply.failure());
			p.script(path(gid, "c1"), slow());
			saga(http, p, gid, "");
			return new Expected("failed", List.of(call(gid, "c2", "compensate"), call(gid, "c1", "compensate")));
		}
	},

	SAGA_CONCURRENT_WITH_A_FAILING_STEP {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "a1"), slow());
			p.always(path(gid, "a2"), Reply.failure());
			saga(http, p, gid, ",\"custom_data\":\"{\\\"concurrent\\\":true}\"");
			return new Expected("failed", List.of(call(gid, "c1", "compensate"), call(gid, "c2", "compensate")));
		}
	},

	MSG_IN_DELIVERY {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "a2"), slow());
			post(http, "submit", msg(p, gid, ""));
			return new Expected("succeed", List.of(call(gid, "a1", "action"), call(gid, "a2", "action")));
		}
	},

	MSG_PREPARED_AND_ABANDONED {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			post(http, "prepare",
					msg(p, gid, ",\"timeout_to_fail\":3,\"query_prepared\":\"" + p.url(path(gid, "qp")) + "\""));
			return new Expected("succeed",
					List.of(call(gid, "qp", "msg"), call(gid, "a1", "action"), call(gid, "a2", "action")));
		}
	},

	TCC_IN_CONFIRM {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "confirm1"), slow());
			tcc(http, p, gid, "");
			post(http, "submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");
			return new Expected("succeed", List.of(call(gid, "confirm1", "confirm"), call(gid, "confirm2", "confirm")));
		}
	},

	TCC_IN_CANCEL {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "cancel1"), slow());
			tcc(http, p, gid, "");
			post(http, "abort", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");
			return new Expected("failed", List.of(call(gid, "cancel2", "cancel"), call(gid, "cancel1", "cancel")));
		}
	},

	TCC_PREPARED_AND_ABANDONED {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			tcc(http, p, gid, ",\"timeout_to_fail\":3");
			return new Expected("failed", List.of(call(gid, "cancel2", "cancel"), call(gid, "cancel1", "cancel")));
		}
	},

	XA_IN_COMMIT {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "xa1"), slow());
			xa(http, p, gid, "");
			post(http, "submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\"}");
			return new Expected("succeed", List.of(call(gid, "xa1", "commit"), call(gid, "xa2", "commit")));
		}
	},

	XA_IN_ROLLBACK {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			p.script(path(gid, "xa1"), slow());
			xa(http, p, gid, "");
			post(http, "abort", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\"}");
			return new Expected("failed", List.of(call(gid, "xa1", "rollback"), call(gid, "xa2", "rollback")));
		}
	},

	XA_PREPARED_AND_ABANDONED {
		@Override
		Expected start(DtmHttp http, ScriptedParticipant p, String gid) {
			xa(http, p, gid, ",\"timeout_to_fail\":3");
			return new Expected("failed", List.of(call(gid, "xa1", "rollback"), call(gid, "xa2", "rollback")));
		}
	};

	/**
	 * Start the transaction and say how it must end.
	 * @param http the coordinator
	 * @param participant the participant its branches call
	 * @param gid the gid
	 * @return the expected outcome
	 */
	abstract Expected start(DtmHttp http, ScriptedParticipant participant, String gid);

	private static Reply slow() {
		return Reply.slow(Duration.ofSeconds(4));
	}

	private static String path(String gid, String name) {
		return "/" + gid + "/" + name;
	}

	private static String call(String gid, String name, String op) {
		return path(gid, name) + "@" + op;
	}

	private static void saga(DtmHttp http, ScriptedParticipant p, String gid, String extra) {
		post(http, "submit",
				"{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\"" + extra + ",\"steps\":["
						+ FaultSuiteIT.step(p, gid, 1) + "," + FaultSuiteIT.step(p, gid, 2)
						+ "],\"payloads\":[\"{}\",\"{}\"]}");
	}

	private static String msg(ScriptedParticipant p, String gid, String extra) {
		return "{\"gid\":\"" + gid + "\",\"trans_type\":\"msg\"" + extra + ",\"steps\":[{\"action\":\""
				+ p.url(path(gid, "a1")) + "\"},{\"action\":\"" + p.url(path(gid, "a2"))
				+ "\"}],\"payloads\":[\"{}\",\"{}\"]}";
	}

	private static void tcc(DtmHttp http, ScriptedParticipant p, String gid, String extra) {
		post(http, "prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"" + extra + "}");
		for (int b = 1; b <= 2; b++) {
			post(http, "registerBranch",
					"{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"branch_id\":\"0" + b + "\",\"data\":\"{}\","
							+ "\"confirm\":\"" + p.url(path(gid, "confirm" + b)) + "\",\"cancel\":\""
							+ p.url(path(gid, "cancel" + b)) + "\"}");
		}
	}

	private static void xa(DtmHttp http, ScriptedParticipant p, String gid, String extra) {
		post(http, "prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\"" + extra + "}");
		for (int b = 1; b <= 2; b++) {
			post(http, "registerBranch", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\",\"branch_id\":\"0" + b
					+ "\",\"url\":\"" + p.url(path(gid, "xa" + b)) + "\"}");
		}
	}

	private static void post(DtmHttp http, String api, String body) {
		DtmHttp.Reply reply = http.post("/api/dtmsvr/" + api, body);
		assertThat(reply.status()).as("%s %s: %s", api, body, reply.body()).isEqualTo(200);
	}

}
