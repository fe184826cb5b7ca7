package io.dtm.server.store.redis;

/**
 * Names of the keys the Redis store writes. Every key starts with the configured prefix;
 * when the prefix is a cluster hash tag such as <code>{a}</code>, all keys map to one
 * slot. dtm's own keys:
 * <ul>
 * <li>{@code
 *
<p>
 * _g_<gid>} global transaction JSON (string)</li>
 * <li>{@code
 *
<p>
 * _b_<gid>} branch JSONs in processing order (list)</li>
 * <li>{@code
 *
<p>
 * _s_<gid>} status, the guard every script checks (string)</li>
 * <li>{@code
 *
<p>
 * _u} unfinished gids scored by next cron time in unix seconds (zset)</li>
 * <li>{@code
 *
<p>
 * _kv_<cat>_<key>} KV JSON (string)</li>
 * </ul>
 * Keys added by dtm-java (dtm ignores them):
 * <ul>
 * <li>{@code
 *
<p>
 * _seq_g}, {@code
 *
<p>
 * _seq_b}, {@code
 *
<p>
 * _seq_kv} id counters</li>
 * <li>{@code
 *
<p>
 * _all} every gid scored by its id, for paging newest first (zset)</li>
 * <li>{@code
 *
<p>
 * _exp} every gid scored by when its data expires, to prune {@code _all} and {@code _u}
 * (zset)</li>
 * <li>{@code
 *
<p>
 * _kvi_<cat>} the keys of one KV category scored by id (zset)</li>
 * <li>the prefix then {@code _bc_<gid>}: the branch call records of a transaction, one
 * JSON per {@code <branch_id>|<op>} field (hash), expiring with the transaction</li>
 * <li>the prefix then {@code _audit}: the audit trail, JSON entries newest first (list);
 * {@code _seq_audit} its id counter; {@code _audit_t_<target>} the entry ids of one gid
 * or topic, newest first (list); none of them expires</li>
 * <li>the prefix then {@code _inst}: the coordinator instances sharing the store, one
 * JSON per instance id (hash); instances remove their own field, stale ones are removed
 * by the others; the key does not expire</li>
 * </ul>
 */
public final class RedisKeys {

	private final String prefix;

	/**
	 * Keys under a prefix.
	 * @param prefix the prefix, not blank
	 */
	public RedisKeys(String prefix) {
		if (prefix == null || prefix.isBlank()) {
			throw new IllegalArgumentException("dtm.server.store.redis.prefix must not be blank");
		}
		this.prefix = prefix;
	}

	/**
	 * The prefix.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Whether the prefix contains a non-empty cluster hash tag, so that all keys share a
	 * slot.
	 * @return whether it does
	 */
	public boolean isHashTag() {
		int open = this.prefix.indexOf('{');
		if (open < 0) {
			return false;
		}
		int close = this.prefix.indexOf('}', open + 1);
		return close > open + 1;
	}

	String global(String gid) {
		return this.prefix + "_g_" + gid;
	}

	String branches(String gid) {
		return this.prefix + "_b_" + gid;
	}

	String status(String gid) {
		return this.prefix + "_s_" + gid;
	}

	String unfinished() {
		return this.prefix + "_u";
	}

	String all() {
		return this.prefix + "_all";
	}

	String expiry() {
		return this.prefix + "_exp";
	}

	String globalSequence() {
		return this.prefix + "_seq_g";
	}

	String branchSequence() {
		return this.prefix + "_seq_b";
	}

	String kvSequence() {
		return this.prefix + "_seq_kv";
	}

	String kv(String cat, String key) {
		return this.prefix + "_kv_" + cat + "_" + key;
	}

	String instances() {
		return this.prefix + "_inst";
	}

	String branchCalls(String gid) {
		return this.prefix + "_bc_" + gid;
	}

	String audit() {
		return this.prefix + "_audit";
	}

	String kvIndex(String cat) {
		return this.prefix + "_kvi_" + cat;
	}

}
