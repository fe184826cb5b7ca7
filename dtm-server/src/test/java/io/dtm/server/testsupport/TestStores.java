package io.dtm.server.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Property sets that point a coordinator context at a real store, plus the short timings
 * that keep protocol tests fast (1 s retry interval, 100 ms cron poll).
 */
public final class TestStores {

	private TestStores() {
	}

	/**
	 * A fresh database on the real MariaDB/MySQL server.
	 * @param registry the registry
	 * @param prefix database name prefix
	 * @return the database settings
	 */
	public static ExternalServices.Db mariadb(DynamicPropertyRegistry registry, String prefix) {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase(prefix);
		registry.add("spring.datasource.url", db::url);
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
		registry.add("spring.jpa.properties.jakarta.persistence.database-product-name", () -> "MariaDB");
		registry.add("spring.jpa.properties.jakarta.persistence.database-product-version", () -> "10.11");
		// Spring keeps up to 32 test contexts alive: a pool that keeps 10 idle
		// connections
		// per context would exhaust MariaDB's 151 connections, so idle ones are released
		registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
		registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
		fastTimings(registry);
		return db;
	}

	/**
	 * A fresh embedded H2 file store in a temporary directory.
	 * @param registry the registry
	 * @return the data directory
	 */
	public static Path h2(DynamicPropertyRegistry registry) {
		try {
			Path dir = Files.createTempDirectory("dtm-h2-");
			registry.add("dtm.server.store.h2.data-dir", dir::toString);
			fastTimings(registry);
			return dir;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The real Redis server with a key prefix of its own (a fresh hash tag such as
	 * <code>{t1a2b3c4d}</code>), so test classes never see each other's transactions or
	 * cron backlog. Data expires after an hour; the keys of every prefix handed out are
	 * deleted when the test JVM exits.
	 * @param registry the registry
	 * @return the key prefix
	 */
	public static String redis(DynamicPropertyRegistry registry) {
		ExternalServices.Redis redis = ExternalServices.redis();
		String prefix = "{t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "}";
		RedisKeyCleaner.deleteOnExit(redis.url(), prefix);
		registry.add("dtm.server.store.type", () -> "redis");
		registry.add("spring.data.redis.url", redis::url);
		registry.add("dtm.server.store.redis.prefix", () -> prefix);
		registry.add("dtm.server.store.redis.data-expire", () -> "1h");
		registry.add("dtm.server.store.redis.finished-data-expire", () -> "1h");
		fastTimings(registry);
		return prefix;
	}

	private static void fastTimings(DynamicPropertyRegistry registry) {
		registry.add("dtm.server.retry-interval", () -> "1s");
		registry.add("dtm.server.timeout-to-fail", () -> "3s");
		registry.add("dtm.server.request-timeout", () -> "2s");
		registry.add("dtm.server.cron.interval", () -> "100ms");
	}

}
