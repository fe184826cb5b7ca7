package io.dtm.server.testsupport;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Deletes the keys of the prefixes handed out to test classes when the test JVM exits, so
 * repeated local runs do not accumulate data in a shared Redis.
 */
public final class RedisKeyCleaner {

	private static final List<String[]> PREFIXES = new ArrayList<>();

	private static boolean hooked;

	private RedisKeyCleaner() {
	}

	static synchronized void deleteOnExit(String url, String prefix) {
		PREFIXES.add(new String[] { url, prefix });
		if (!hooked) {
			hooked = true;
			Runtime.getRuntime().addShutdownHook(new Thread(RedisKeyCleaner::deleteAll, "redis-test-key-cleaner"));
		}
	}

	private static synchronized void deleteAll() {
		for (String[] entry : PREFIXES) {
			try {
				delete(entry[0], entry[1]);
			}
			catch (RuntimeException ex) {
				// best effort: the data expires on its own
			}
		}
	}

	/**
	 * Delete every key starting with the prefix.
	 * @param url Redis URL
	 * @param prefix the prefix
	 */
	public static void delete(String url, String prefix) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			ScanArgs match = ScanArgs.Builder.matches(prefix.replace("[", "\\[") + "*").limit(500);
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = commands.scan(cursor, match);
				if (!page.getKeys().isEmpty()) {
					commands.unlink(page.getKeys().toArray(String[]::new));
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		finally {
			client.shutdown();
		}
	}

}
