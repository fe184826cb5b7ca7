package io.dtm.server.instance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.testsupport.InMemoryInstanceRegistry;
import io.dtm.server.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceHeartbeat} with an in-memory registry and a fixed clock.
 */
class InstanceHeartbeatTests {

	private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry();

	private final InstanceIdentity identity = new InstanceIdentity("node-a", 36789, "1.0.0");

	private final AtomicReference<Collection<String>> passes = new AtomicReference<>(Set.of());

	private final DtmServerProperties.Instances properties = new DtmServerProperties.Instances();

	private final InstanceHeartbeat heartbeat = new InstanceHeartbeat(this.registry, this.identity, this.passes::get,
			true, this.clock, this.properties);

	@Test
	void whenBeatingShouldWriteTheRecordWithThePassesInProgress() {
		this.identity.grpcServerStarted(36790);
		this.passes.set(Set.of("g2", "g1"));
		this.clock.advance(Duration.ofSeconds(5));

		this.heartbeat.beat();

		assertThat(this.registry.instances()).containsExactly(new InstanceRecord("node-a:36789", "1.0.0", 36789, 36790,
				true, at(START), at(START.plusSeconds(5)), 2, List.of("g1", "g2")));
	}

	@Test
	void whenBeatingAgainShouldRenewTheLastSeenTime() {
		this.heartbeat.beat();
		this.clock.advance(Duration.ofSeconds(10));

		this.heartbeat.beat();

		assertThat(this.registry.instances()).singleElement()
			.satisfies((record) -> assertThat(record.lastSeen()).isEqualTo(at(START.plusSeconds(10))));
	}

	@Test
	void whenBeatingShouldForgetInstancesLostForLongerThanForgetAfter() {
		this.properties.setForgetAfter(Duration.ofMinutes(30));
		this.registry.heartbeat(other("gone:1", START.minus(Duration.ofMinutes(31))));
		this.registry.heartbeat(other("lost:1", START.minus(Duration.ofMinutes(29))));

		this.heartbeat.beat();

		assertThat(this.registry.instances()).extracting(InstanceRecord::id).containsExactly("lost:1", "node-a:36789");
	}

	@Test
	void whenThePortChangesShouldRemoveTheRecordUnderTheOldId() {
		this.heartbeat.beat();
		this.identity.httpServerStarted(40000);

		this.heartbeat.beat();

		assertThat(this.registry.instances()).extracting(InstanceRecord::id).containsExactly("node-a:40000");
	}

	@Test
	void whenStoppedShouldRemoveItsRecord() throws Exception {
		this.heartbeat.start();
		awaitRecord();

		this.heartbeat.stop();

		assertThat(this.registry.instances()).isEmpty();
		assertThat(this.heartbeat.isRunning()).isFalse();
	}

	@Test
	void whenTheStoreFailsShouldKeepBeatingAndWriteOnceItIsBack() {
		this.registry.failWith(new IllegalStateException("store down"));
		this.heartbeat.beat();
		this.heartbeat.beat();
		this.registry.failWith(null);

		this.heartbeat.beat();

		assertThat(this.registry.instances()).extracting(InstanceRecord::id).containsExactly("node-a:36789");
	}

	@Test
	void whenAnOwnerTokenIsStampedShouldLeadBackToTheInstance() {
		String owner = this.identity.leaseOwner();

		assertThat(owner).startsWith("node-a:36789/").isNotEqualTo(this.identity.leaseOwner());
		assertThat(InstanceRecord.instanceOf(owner)).contains("node-a:36789");
		assertThat(InstanceRecord.instanceOf("4f0c1d9e-uuid-from-dtm")).isEmpty();
		assertThat(InstanceRecord.instanceOf("")).isEmpty();
		assertThat(InstanceRecord.instanceOf(null)).isEmpty();
	}

	@Test
	void whenTheHostNameIsLongShouldCutItSoTheIdFits() {
		InstanceIdentity longName = new InstanceIdentity("h".repeat(200), 65535, "1");

		assertThat(longName.id()).hasSizeLessThanOrEqualTo(InstanceRecord.MAX_ID).endsWith(":65535");
	}

	private void awaitRecord() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.registry.instances().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.registry.instances()).isNotEmpty();
	}

	private static InstanceRecord other(String id, Instant lastSeen) {
		return new InstanceRecord(id, "1", 1, 0, true, at(lastSeen.minusSeconds(60)), at(lastSeen), 0, List.of());
	}

	private static LocalDateTime at(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
