package io.dtm.server.api;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.BranchView;
import io.dtm.core.GlobalTransactionView;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.OptionsCodec;

/**
 * Turns stored records into dtm's JSON views: RFC 3339 times with the coordinator's zone
 * offset and base64 payloads.
 */
class ViewMapper {

	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private final Clock clock;

	private final OptionsCodec options;

	ViewMapper(Clock clock, OptionsCodec options) {
		this.clock = clock;
		this.options = options;
	}

	GlobalTransactionView global(GlobalTrans t) {
		return new GlobalTransactionView(t.id(), time(t.createTime()), time(t.updateTime()), t.gid(),
				t.transType().wireValue(), t.status().wireValue(), t.queryPrepared(), t.protocol(),
				time(t.finishTime()), time(t.rollbackTime()), t.result(), t.rollbackReason(),
				this.options.write(t.options()), t.customData(), t.nextCronInterval(), time(t.nextCronTime()),
				t.owner(), t.extData(), false);
	}

	BranchView branch(Branch b) {
		String data = (b.binData() != null && b.binData().length > 0) ? Base64.getEncoder().encodeToString(b.binData())
				: null;
		return new BranchView(b.id(), time(b.createTime()), time(b.updateTime()), b.gid(), b.url(), data, b.branchId(),
				b.op().wireValue(), b.status().wireValue(), time(b.finishTime()), time(b.rollbackTime()));
	}

	Map<String, Object> kv(KvRecord r) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", r.id());
		view.put("create_time", time(r.createTime()));
		view.put("update_time", time(r.updateTime()));
		view.put("cat", r.cat());
		view.put("k", r.key());
		view.put("v", r.value());
		view.put("version", r.version());
		return view;
	}

	private String time(LocalDateTime time) {
		return (time != null) ? time.truncatedTo(ChronoUnit.SECONDS).atZone(this.clock.getZone()).format(RFC_3339)
				: null;
	}

}
