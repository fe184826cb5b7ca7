package io.dtm.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract every {@link TransStore} implementation must meet; subclasses bind it to a
 * store: the real ones through {@link AbstractSpringTransStoreContractTests}, the
 * in-memory store of the engine tests directly.
 */
public abstract class AbstractTransStoreContractTests {

	private TransStore store;

	/**
	 * The store under test.
	 * @return the store
	 */
	protected abstract TransStore store();

	@BeforeEach
	void bindStore() {
		this.store = store();
	}

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	@Test
	void saveNewWhenGidIsNewShouldStoreGlobalAndBranchesInOrder() {
		String gid = gid();
		assertThat(this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), sagaBranches(gid))).isTrue();
		GlobalTrans stored = this.store.find(gid).orElseThrow();
		assertThat(stored.id()).isPositive();
		assertThat(stored.status()).isEqualTo(GlobalStatus.SUBMITTED);
		assertThat(stored.transType()).isEqualTo(TransType.SAGA);
		assertThat(stored.options().timeoutToFail()).isEqualTo(60);
		assertThat(stored.options().branchHeaders()).containsEntry("X-Test", "1");
		assertThat(stored.createTime()).isEqualTo(this.now);
		assertThat(stored.nextCronInterval()).isEqualTo(10);
		List<Branch> branches = this.store.findBranches(gid);
		assertThat(branches).extracting((b) -> b.branchId() + "@" + b.op())
			.containsExactly("01@compensate", "01@action", "02@compensate", "02@action");
		assertThat(branches.get(1).binData()).asString(StandardCharsets.UTF_8).isEqualTo("{\"amount\":30}");
		assertThat(branches).allMatch((b) -> b.status() == BranchStatus.PREPARED);
	}

	@Test
	void saveNewWithBranchesShouldReturnTheBranchesAsAReadWouldFindThem() {
		String gid = gid();
		List<Branch> returned = this.store
			.saveNewWithBranches(global(gid, GlobalStatus.SUBMITTED, this.now), sagaBranches(gid))
			.orElseThrow();
		List<Branch> read = this.store.findBranches(gid);
		assertThat(returned).hasSize(4);
		assertThat(returned).extracting(Branch::id)
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(read.stream().map(Branch::id).toList());
		assertThat(returned).extracting(Branch::gid, Branch::url, Branch::branchId, Branch::op, Branch::status)
			.containsExactlyElementsOf(read.stream()
				.map((b) -> org.assertj.core.groups.Tuple.tuple(b.gid(), b.url(), b.branchId(), b.op(), b.status()))
				.toList());
		assertThat(returned.get(1).binData()).isEqualTo(read.get(1).binData());
		// the returned ids are the ones the guarded update finds
		assertThat(
				this.store.updateBranchStatus(returned.get(1), BranchStatus.SUCCEED, GlobalStatus.SUBMITTED, this.now))
			.isTrue();
		assertThat(this.store.findBranches(gid).get(1).status()).isEqualTo(BranchStatus.SUCCEED);
		assertThat(this.store.findBranches(gid).get(3).status()).isEqualTo(BranchStatus.PREPARED);
		assertThat(this.store.saveNewWithBranches(global(gid, GlobalStatus.SUBMITTED, this.now), sagaBranches(gid)))
			.isEmpty();
		assertThat(this.store.findBranches(gid)).hasSize(4);
	}

	@Test
	void saveNewWhenGidExistsShouldReturnFalseAndKeepStoredRows() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.PREPARED, this.now), List.of());
		boolean saved = this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), sagaBranches(gid));
		assertThat(saved).isFalse();
		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(this.store.findBranches(gid)).isEmpty();
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource({ "CaseGid-,casegid-", "caf\u00e9-,cafe-",
			"\ud83d\ude00-,\ud83d\ude01-" })
	void whenGidsDifferOnlyInCaseAccentOrEmojiShouldKeepThemApart(String first, String second) {
		String suffix = UUID.randomUUID().toString();
		String a = first + suffix;
		String b = second + suffix;
		assertThat(this.store.saveNew(global(a, GlobalStatus.SUBMITTED, this.now), sagaBranches(a))).isTrue();
		assertThat(this.store.saveNew(global(b, GlobalStatus.PREPARED, this.now), List.of())).as("second gid %s", b)
			.isTrue();
		assertThat(this.store.find(a).orElseThrow().status()).isEqualTo(GlobalStatus.SUBMITTED);
		assertThat(this.store.find(b).orElseThrow().gid()).isEqualTo(b);
		assertThat(this.store.find(b).orElseThrow().status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(this.store.findBranches(a)).hasSize(4);
		assertThat(this.store.findBranches(b)).isEmpty();
	}

	@Test
	void saveNewWhenPayloadIsOneMebibyteShouldStoreItWhole() {
		String gid = gid();
		byte[] payload = new byte[1024 * 1024];
		java.util.Arrays.fill(payload, (byte) 'x');
		List<Branch> branches = List.of(Branch.newBranch(gid, "http://p/a1", payload, "01", BranchOp.ACTION, this.now));
		assertThat(this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), branches)).isTrue();
		assertThat(this.store.findBranches(gid).get(0).binData()).hasSize(1024 * 1024);
	}

	@Test
	void whenUnfinishedTransactionsAreDueCountDueShouldCountThemUpToTheCap() {
		LocalDateTime era = LocalDateTime.of(1990, 1, 1, 0, 0)
			.plusMinutes(java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
		long before = this.store.countDue(era, 1_000_000);
		for (GlobalStatus status : List.of(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED, GlobalStatus.ABORTING)) {
			this.store.saveNew(global(gid(), status, era), List.of());
		}
		String finished = gid();
		this.store.saveNew(global(finished, GlobalStatus.SUBMITTED, era), List.of());
		this.store.changeStatus(new StatusChange(finished, GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED, null, era));
		this.store.saveNew(global(gid(), GlobalStatus.SUBMITTED, era.plusMinutes(5)), List.of());

		assertThat(this.store.countDue(era.plusSeconds(11), 1_000_000) - before).isEqualTo(3);
		assertThat(this.store.countDue(era.plusSeconds(11), 2)).isEqualTo(2);
	}

	@Test
	void findWhenGidIsUnknownShouldBeEmpty() {
		assertThat(this.store.find(gid())).isEmpty();
		assertThat(this.store.findBranches(gid())).isEmpty();
	}

	@Test
	void changeStatusWhenExpectedMatchesShouldApplyAndStampTimes() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), List.of());
		LocalDateTime later = this.now.plusSeconds(5);
		assertThat(this.store
			.changeStatus(new StatusChange(gid, GlobalStatus.SUBMITTED, GlobalStatus.ABORTING, "branch failed", later)))
			.isTrue();
		assertThat(this.store.changeStatus(
				new StatusChange(gid, GlobalStatus.ABORTING, GlobalStatus.FAILED, null, later.plusSeconds(1))))
			.isTrue();
		GlobalTrans stored = this.store.find(gid).orElseThrow();
		assertThat(stored.status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(stored.rollbackReason()).isEqualTo("branch failed");
		assertThat(stored.rollbackTime()).isEqualTo(later.plusSeconds(1));
		assertThat(stored.finishTime()).isNull();
	}

	@Test
	void changeStatusWhenAResultIsGivenShouldStoreItAndKeepItOtherwise() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.PREPARED, this.now), List.of());
		assertThat(this.store.changeStatus(
				new StatusChange(gid, GlobalStatus.PREPARED, GlobalStatus.SUCCEED, null, this.now, "eyJvayI6MX0=")))
			.isTrue();
		GlobalTrans stored = this.store.find(gid).orElseThrow();
		assertThat(stored.result()).isEqualTo("eyJvayI6MX0=");
		assertThat(stored.finishTime()).isEqualTo(this.now);
		String other = gid();
		this.store.saveNew(global(other, GlobalStatus.PREPARED, this.now), List.of());
		assertThat(this.store
			.changeStatus(new StatusChange(other, GlobalStatus.PREPARED, GlobalStatus.FAILED, "no stock", this.now)))
			.isTrue();
		assertThat(this.store.find(other).orElseThrow().result()).isNullOrEmpty();
	}

	@Test
	void changeStatusWhenExpectedDiffersShouldNotApply() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), List.of());
		assertThat(this.store
			.changeStatus(new StatusChange(gid, GlobalStatus.PREPARED, GlobalStatus.SUBMITTED, null, this.now)))
			.isFalse();
		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.SUBMITTED);
	}

	@Test
	void changeStatusWhenRacedShouldLetExactlyOneWin() throws Exception {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), List.of());
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> racers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				GlobalStatus to = (i % 2 == 0) ? GlobalStatus.SUCCEED : GlobalStatus.ABORTING;
				racers.add(() -> this.store
					.changeStatus(new StatusChange(gid, GlobalStatus.SUBMITTED, to, null, this.now)));
			}
			long winners = 0;
			for (Future<Boolean> result : pool.invokeAll(racers)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void updateBranchStatusShouldApplyOnlyWhileGlobalStatusMatches() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), sagaBranches(gid));
		Branch action = this.store.findBranches(gid).get(1);
		assertThat(this.store.updateBranchStatus(action, BranchStatus.SUCCEED, GlobalStatus.ABORTING, this.now))
			.isFalse();
		assertThat(this.store.updateBranchStatus(action, BranchStatus.SUCCEED, GlobalStatus.SUBMITTED, this.now))
			.isTrue();
		Branch stored = this.store.findBranches(gid).get(1);
		assertThat(stored.status()).isEqualTo(BranchStatus.SUCCEED);
		assertThat(stored.finishTime()).isEqualTo(this.now);
		assertThat(this.store.findBranches(gid).get(0).status()).isEqualTo(BranchStatus.PREPARED);
	}

	@Test
	void registerBranchesWhenPreparedShouldAppendInOrder() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.PREPARED, this.now), List.of());
		assertThat(this.store.registerBranches(gid, tccBranches(gid, "01"), this.now)).isTrue();
		assertThat(this.store.registerBranches(gid, tccBranches(gid, "02"), this.now)).isTrue();
		assertThat(this.store.findBranches(gid)).extracting((b) -> b.branchId() + "@" + b.op())
			.containsExactly("01@cancel", "01@confirm", "02@cancel", "02@confirm");
	}

	@Test
	void registerBranchesWhenNotPreparedShouldWriteNothing() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), List.of());
		assertThat(this.store.registerBranches(gid, tccBranches(gid, "01"), this.now)).isFalse();
		assertThat(this.store.registerBranches(gid(), tccBranches(gid, "01"), this.now)).isFalse();
		assertThat(this.store.findBranches(gid)).isEmpty();
	}

	@Test
	void registerBranchesWhenDuplicateShouldThrowAndKeepFirst() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.PREPARED, this.now), List.of());
		this.store.registerBranches(gid, tccBranches(gid, "01"), this.now);
		assertThatExceptionOfType(DuplicateBranchException.class)
			.isThrownBy(() -> this.store.registerBranches(gid, tccBranches(gid, "01"), this.now))
			.withMessageContaining("01");
		assertThat(this.store.findBranches(gid)).hasSize(2);
	}

	@Test
	void touchCronTimeShouldApplyOnlyWhileStatusMatches() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now), List.of());
		LocalDateTime next = this.now.plusSeconds(40);
		assertThat(this.store.touchCronTime(gid, GlobalStatus.PREPARED, 20, next, this.now)).isFalse();
		assertThat(this.store.touchCronTime(gid, GlobalStatus.SUBMITTED, 20, next, this.now)).isTrue();
		GlobalTrans stored = this.store.find(gid).orElseThrow();
		assertThat(stored.nextCronInterval()).isEqualTo(20);
		assertThat(stored.nextCronTime()).isEqualTo(next);
	}

	@Test
	void leaseDueShouldTakeOnlyDueUnfinishedTransactionsAndPushThemForward() {
		LocalDateTime past = this.now.minusYears(30);
		String due = gid();
		String future = gid();
		String finished = gid();
		this.store.saveNew(global(due, GlobalStatus.SUBMITTED, past), List.of());
		this.store.saveNew(global(future, GlobalStatus.SUBMITTED, this.now.plusYears(30)), List.of());
		this.store.saveNew(global(finished, GlobalStatus.SUCCEED, past), List.of());
		LocalDateTime leaseTime = past.plusYears(1);
		List<String> leased = new ArrayList<>();
		Optional<GlobalTrans> next;
		while ((next = this.store.leaseDue(leaseTime, Duration.ofSeconds(10), "owner-1")).isPresent()) {
			leased.add(next.get().gid());
			assertThat(next.get().owner()).isEqualTo("owner-1");
			assertThat(next.get().nextCronTime()).isEqualTo(leaseTime.plusSeconds(10));
		}
		assertThat(leased).contains(due).doesNotContain(future, finished);
		assertThat(this.store.leaseDue(leaseTime, Duration.ofSeconds(10), "owner-2")).isEmpty();
	}

	@Test
	void leaseDueWhenRacedShouldGiveEachTransactionToOneOwner() throws Exception {
		LocalDateTime created = this.now.minusYears(20);
		List<String> gids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String gid = gid();
			gids.add(gid);
			this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, created), List.of());
		}
		LocalDateTime leaseTime = created.plusDays(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<List<String>>> owners = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				String owner = "owner-" + i;
				owners.add(() -> {
					List<String> mine = new ArrayList<>();
					Optional<GlobalTrans> next;
					while ((next = this.store.leaseDue(leaseTime, Duration.ofMinutes(5), owner)).isPresent()) {
						mine.add(next.get().gid());
					}
					return mine;
				});
			}
			List<String> all = new ArrayList<>();
			for (Future<List<String>> result : pool.invokeAll(owners)) {
				all.addAll(result.get());
			}
			assertThat(all.stream().filter(gids::contains).toList()).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(gids);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void resetNextCronTimeShouldMakeAnUnfinishedTransactionDue() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, this.now.plusYears(40)), List.of());
		assertThat(this.store.resetNextCronTime(gid, this.now)).isTrue();
		assertThat(this.store.find(gid).orElseThrow().nextCronTime()).isEqualTo(this.now);
		assertThat(this.store.resetNextCronTime(gid(), this.now)).as("unknown gid").isFalse();
	}

	@Test
	void resetNextCronTimeWhenFinishedShouldSetTheTimeButNeverLeaseIt() {
		String done = gid();
		this.store.saveNew(global(done, GlobalStatus.FAILED, this.now.plusYears(40)), List.of());
		assertThat(this.store.resetNextCronTime(done, this.now)).isTrue();
		GlobalTrans stored = this.store.find(done).orElseThrow();
		assertThat(stored.nextCronTime()).isEqualTo(this.now);
		assertThat(stored.status()).isEqualTo(GlobalStatus.FAILED);
		List<String> leased = new ArrayList<>();
		Optional<GlobalTrans> next;
		while ((next = this.store.leaseDue(this.now.plusSeconds(1), Duration.ofMinutes(5), "owner")).isPresent()) {
			leased.add(next.get().gid());
		}
		assertThat(leased).doesNotContain(done);
	}

	@Test
	void resetCronTimeShouldPullBackOnlyFarFutureTransactionsUpToTheLimit() {
		LocalDateTime far = this.now.plusYears(50);
		List<String> gids = List.of(gid(), gid(), gid());
		for (String gid : gids) {
			this.store.saveNew(global(gid, GlobalStatus.SUBMITTED, far), List.of());
		}
		String near = gid();
		this.store.saveNew(global(near, GlobalStatus.SUBMITTED, this.now), List.of());
		LocalDateTime threshold = this.now.plusYears(49);
		int first = this.store.resetCronTime(threshold, this.now, 2);
		int second = this.store.resetCronTime(threshold, this.now, 2);
		assertThat(first).isEqualTo(2);
		assertThat(second).isGreaterThanOrEqualTo(1);
		for (String gid : gids) {
			assertThat(this.store.find(gid).orElseThrow().nextCronTime()).isEqualTo(this.now);
		}
		assertThat(this.store.find(near).orElseThrow().nextCronTime()).isEqualTo(this.now.plusSeconds(10));
	}

	@Test
	void scanShouldPageNewestFirstAndFilter() {
		String type = "page-" + UUID.randomUUID();
		List<String> gids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String gid = type + "-" + i;
			gids.add(gid);
			GlobalTrans trans = global(gid, (i % 2 == 0) ? GlobalStatus.SUCCEED : GlobalStatus.FAILED, this.now);
			this.store.saveNew(trans, List.of());
		}
		List<String> seen = new ArrayList<>();
		Long position = null;
		do {
			TransPage page = this.store.scan(new TransQuery(position, 2, null, null, null, null));
			page.transactions().forEach((t) -> seen.add(t.gid()));
			position = page.nextPosition().isEmpty() ? null : Long.valueOf(page.nextPosition());
		}
		while (position != null);
		List<String> ours = seen.stream().filter(gids::contains).toList();
		assertThat(ours).containsExactly(gids.get(4), gids.get(3), gids.get(2), gids.get(1), gids.get(0));
		TransPage failed = this.store.scan(new TransQuery(null, 1000, GlobalStatus.FAILED, TransType.SAGA, null, null));
		assertThat(failed.transactions()).extracting(GlobalTrans::gid)
			.contains(gids.get(1), gids.get(3))
			.doesNotContain(gids.get(0));
		TransPage none = this.store
			.scan(new TransQuery(null, 10, null, TransType.SAGA, this.now.plusYears(90), this.now.plusYears(91)));
		assertThat(none.transactions()).isEmpty();
		assertThat(none.nextPosition()).isEmpty();
	}

	@Test
	void whenScannedWithAGidPrefixShouldReturnOnlyThoseGidsTakingLikeCharactersLiterally() {
		String prefix = "pre_" + UUID.randomUUID().toString().substring(0, 8);
		this.store.saveNew(global(prefix + "-a", GlobalStatus.SUCCEED, this.now), List.of());
		this.store.saveNew(global(prefix + "-b", GlobalStatus.FAILED, this.now), List.of());
		this.store.saveNew(global(prefix.replace('_', 'x') + "-c", GlobalStatus.SUCCEED, this.now), List.of());

		TransPage page = this.store.scan(new TransQuery(null, 100, null, null, null, null, prefix));
		TransPage failed = this.store.scan(new TransQuery(null, 100, GlobalStatus.FAILED, null, null, null, prefix));

		assertThat(page.transactions()).extracting(GlobalTrans::gid)
			.as("'_' is not a wildcard")
			.containsExactly(prefix + "-b", prefix + "-a");
		assertThat(failed.transactions()).extracting(GlobalTrans::gid).containsExactly(prefix + "-b");
	}

	@Test
	void whenCountedByStatusShouldCountEveryStoredTransaction() {
		Map<GlobalStatus, Long> before = this.store.countByStatus();
		String prefix = "count-" + UUID.randomUUID();
		this.store.saveNew(global(prefix + "-1", GlobalStatus.SUCCEED, this.now), List.of());
		this.store.saveNew(global(prefix + "-2", GlobalStatus.SUCCEED, this.now), List.of());
		this.store.saveNew(global(prefix + "-3", GlobalStatus.PREPARED, this.now), List.of());

		Map<GlobalStatus, Long> after = this.store.countByStatus();

		assertThat(after.getOrDefault(GlobalStatus.SUCCEED, 0L) - before.getOrDefault(GlobalStatus.SUCCEED, 0L))
			.isEqualTo(2);
		assertThat(after.getOrDefault(GlobalStatus.PREPARED, 0L) - before.getOrDefault(GlobalStatus.PREPARED, 0L))
			.isEqualTo(1);
	}

	@Test
	void kvWhenCreatedUpdatedAndDeletedShouldKeepVersionsAndRefuseStaleWrites() {
		String key = "k-" + UUID.randomUUID();
		assertThat(this.store.createKv("topics", key, "[1]", this.now)).isTrue();
		assertThat(this.store.createKv("topics", key, "[2]", this.now)).as("duplicate key").isFalse();
		KvRecord created = this.store.findKv("topics", key).orElseThrow();
		assertThat(created.value()).isEqualTo("[1]");
		assertThat(created.version()).isEqualTo(1);
		assertThat(this.store.updateKv("topics", key, "[3]", 1, this.now.plusSeconds(1))).isTrue();
		assertThat(this.store.updateKv("topics", key, "[4]", 1, this.now.plusSeconds(2))).as("stale version").isFalse();
		KvRecord updated = this.store.findKv("topics", key).orElseThrow();
		assertThat(updated.value()).isEqualTo("[3]");
		assertThat(updated.version()).isEqualTo(2);
		assertThat(updated.updateTime()).isEqualTo(this.now.plusSeconds(1));
		assertThat(this.store.findKv("other", key)).isEmpty();
		assertThat(this.store.deleteKv("topics", key)).isTrue();
		assertThat(this.store.deleteKv("topics", key)).isFalse();
		assertThat(this.store.findKv("topics", key)).isEmpty();
	}

	@Test
	void scanKvShouldPageOneCategoryInInsertionOrder() {
		String cat = "c" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			this.store.createKv(cat, "key-" + i, "v" + i, this.now);
		}
		this.store.createKv(cat + "x", "key-x", "other", this.now);
		List<String> keys = new ArrayList<>();
		Long position = null;
		int pages = 0;
		do {
			KvPage page = this.store.scanKv(cat, position, 2);
			page.records().forEach((r) -> keys.add(r.key()));
			position = page.nextPosition().isEmpty() ? null : Long.valueOf(page.nextPosition());
			pages++;
		}
		while (position != null);
		assertThat(keys).containsExactly("key-0", "key-1", "key-2", "key-3", "key-4");
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void pingWhenStoreIsUpShouldNotThrow() {
		this.store.ping();
	}

	private static String gid() {
		return "c-" + UUID.randomUUID();
	}

	private static GlobalTrans global(String gid, GlobalStatus status, LocalDateTime time) {
		TransOptions options = new TransOptions(false, 60, 0, 0, Map.of("X-Test", "1"), false, 0, 0);
		return new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", time, time, null, null, options, "", 10,
				time.plusSeconds(10), "", "", "", "");
	}

	private List<Branch> sagaBranches(String gid) {
		byte[] payload = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);
		return List.of(Branch.newBranch(gid, "http://p/c1", payload, "01", BranchOp.COMPENSATE, this.now),
				Branch.newBranch(gid, "http://p/a1", payload, "01", BranchOp.ACTION, this.now),
				Branch.newBranch(gid, "http://p/c2", new byte[0], "02", BranchOp.COMPENSATE, this.now),
				Branch.newBranch(gid, "http://p/a2", new byte[0], "02", BranchOp.ACTION, this.now));
	}

	private List<Branch> tccBranches(String gid, String branchId) {
		return List.of(Branch.newBranch(gid, "http://p/cancel", new byte[0], branchId, BranchOp.CANCEL, this.now),
				Branch.newBranch(gid, "http://p/confirm", new byte[0], branchId, BranchOp.CONFIRM, this.now));
	}

}
