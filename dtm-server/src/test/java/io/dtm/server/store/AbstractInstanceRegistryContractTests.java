package io.dtm.server.store;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link InstanceRegistry} must meet; subclasses bind it to a store.
 * The registry may also hold the record of the application context's own instance, so the
 * tests look only at the ids they wrote.
 */
public abstract class AbstractInstanceRegistryContractTests {

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	private final String host = "it-" + UUID.randomUUID().toString().substring(0, 8);

	/**
	 * The registry under test.
	 * @return the registry
	 */
	protected abstract InstanceRegistry registry();

	@Test
	void heartbeatShouldKeepEveryFieldOfTheRecord() {
		InstanceRecord record = new InstanceRecord(this.host + ":36789", "1.2.3", 36789, 36790, true,
				this.now.minusMinutes(5), this.now, 2, List.of("gid-a", "gid b;2"));

		registry().heartbeat(record);

		assertThat(mine()).containsExactly(record);
	}

	@Test
	void heartbeatShouldReplaceTheRecordTheInstanceWroteBefore() {
		String id = this.host + ":1";
		registry().heartbeat(new InstanceRecord(id, "1", 1, 0, true, this.now, this.now, 1, List.of("g1")));
		InstanceRecord later = new InstanceRecord(id, "1", 1, 0, false, this.now, this.now.plusSeconds(10), 0,
				List.of());

		registry().heartbeat(later);

		assertThat(mine()).containsExactly(later);
	}

	@Test
	void instancesShouldBeOrderedByIdAndRemoveShouldDropOne() {
		InstanceRecord b = record(":2", this.now);
		InstanceRecord a = record(":1", this.now);
		registry().heartbeat(b);
		registry().heartbeat(a);

		assertThat(mine()).containsExactly(a, b);
		registry().remove(a.id());
		assertThat(mine()).containsExactly(b);
	}

	@Test
	void forgetShouldRemoveOnlyRecordsNotSeenSinceTheTime() {
		InstanceRecord stale = record(":1", this.now.minusHours(2));
		InstanceRecord fresh = record(":2", this.now);
		registry().heartbeat(stale);
		registry().heartbeat(fresh);

		int forgotten = registry().forget(this.now.minusHours(1));

		assertThat(forgotten).isGreaterThanOrEqualTo(1);
		assertThat(mine()).containsExactly(fresh);
	}

	@Test
	void heartbeatShouldKeepTheMostGidsARecordNames() {
		List<String> gids = new ArrayList<>();
		for (int i = 0; i < InstanceRecord.MAX_PASS_GIDS + 5; i++) {
			gids.add("x".repeat(120) + i);
		}
		InstanceRecord record = new InstanceRecord(this.host + ":3", "v", 3, 0, true, this.now, this.now, gids.size(),
				gids);

		registry().heartbeat(record);

		InstanceRecord read = mine().get(0);
		assertThat(read.passes()).isEqualTo(InstanceRecord.MAX_PASS_GIDS + 5);
		assertThat(read.passGids()).hasSize(InstanceRecord.MAX_PASS_GIDS)
			.containsExactlyElementsOf(gids.subList(0, InstanceRecord.MAX_PASS_GIDS));
	}

	private InstanceRecord record(String port, LocalDateTime lastSeen) {
		return new InstanceRecord(this.host + port, "v", 1, 0, true, lastSeen.minusMinutes(1), lastSeen, 0, List.of());
	}

	private List<InstanceRecord> mine() {
		return registry().instances().stream().filter((record) -> record.id().startsWith(this.host)).toList();
	}

}
