package io.dtm.samples.bench;

/**
 * Stores the bench runs the coordinator on.
 */
public enum StoreKind {

	/** JPA on MariaDB/MySQL. */
	MARIADB,
	/** JPA on the embedded H2 file store. */
	H2,
	/** The Redis store. */
	REDIS;

	static StoreKind parse(String value) {
		return switch (value) {
			case "mariadb", "mysql" -> MARIADB;
			case "h2" -> H2;
			case "redis" -> REDIS;
			default -> throw new IllegalArgumentException("unknown store '" + value + "' (mariadb, h2, redis)");
		};
	}

}
