package io.dtm.server.service;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Generates gids like dtm's {@code newGid}: 22 characters of base-62 text from 128 random
 * bits.
 */
public class GidGenerator {

	private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		.toCharArray();

	private static final int LENGTH = 22;

	private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length);

	private final SecureRandom random = new SecureRandom();

	/**
	 * A new gid.
	 * @return 22 base-62 characters
	 */
	public String next() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		BigInteger value = new BigInteger(1, bytes);
		char[] out = new char[LENGTH];
		for (int i = LENGTH - 1; i >= 0; i--) {
			BigInteger[] qr = value.divideAndRemainder(BASE);
			out[i] = ALPHABET[qr[1].intValue()];
			value = qr[0];
		}
		return new String(out);
	}

}
