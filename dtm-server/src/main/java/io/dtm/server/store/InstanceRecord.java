package io.dtm.server.store;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What one coordinator instance last said about itself in the {@link InstanceRegistry}:
 * who it is, since when it runs, and which transactions it was processing.
 *
 * @param id the instance's id, {@code host:http-port}, not blank, at most
 * {@value #MAX_ID} characters; the lease owner tokens of the instance start with it
 * @param version the coordinator version it runs
 * @param httpPort its HTTP port
 * @param grpcPort its gRPC port, 0 when it serves no gRPC
 * @param cron whether it polls the store for due transactions
 * @param startedAt when it started, whole seconds
 * @param lastSeen when it last wrote this record, whole seconds
 * @param passes how many processing passes it was running
 * @param passGids the gids of those passes, at most {@value #MAX_PASS_GIDS} of them
 */
public record InstanceRecord(String id, String version, int httpPort, int grpcPort, boolean cron,
		LocalDateTime startedAt, LocalDateTime lastSeen, int passes, List<String> passGids) {

	/** What separates the instance id from the lease's own part in an owner token. */
	public static final String OWNER_SEPARATOR = "/";

	/**
	 * The longest id kept: a lease owner token, the id, {@code /} and a 36-character
	 * UUID, must fit dtm's {@code owner} column of 128 characters.
	 */
	public static final int MAX_ID = 91;

	/** The most gids of passes in progress a record names. */
	public static final int MAX_PASS_GIDS = 20;

	/**
	 * Check a record: times are cut to whole seconds, the gid list to its first
	 * {@value #MAX_PASS_GIDS} entries.
	 * @param id the id
	 * @param version the version
	 * @param httpPort the HTTP port
	 * @param grpcPort the gRPC port
	 * @param cron whether it polls
	 * @param startedAt when it started
	 * @param lastSeen when it wrote the record
	 * @param passes the number of passes
	 * @param passGids their gids
	 * @throws IllegalArgumentException naming the first field that is missing or too long
	 */
	public InstanceRecord {
		if (id == null || id.isBlank() || id.length() > MAX_ID) {
			throw new IllegalArgumentException("instance id must be 1 to " + MAX_ID + " characters: " + id);
		}
		if (startedAt == null || lastSeen == null) {
			throw new IllegalArgumentException("instance " + id + " has no start or last-seen time");
		}
		version = (version != null) ? version : "";
		startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
		lastSeen = lastSeen.truncatedTo(ChronoUnit.SECONDS);
		passGids = (passGids != null) ? List.copyOf(passGids.subList(0, Math.min(passGids.size(), MAX_PASS_GIDS)))
				: List.of();
	}

	/**
	 * The instance that stamped a lease owner token.
	 * @param owner the owner token of a transaction, may be {@code null}
	 * @return the instance id, or empty for a token without one (written by dtm, or
	 * before the transaction was first leased)
	 */
	public static Optional<String> instanceOf(String owner) {
		int end = (owner != null) ? owner.lastIndexOf(OWNER_SEPARATOR) : -1;
		return (end > 0) ? Optional.of(owner.substring(0, end)) : Optional.empty();
	}

}
