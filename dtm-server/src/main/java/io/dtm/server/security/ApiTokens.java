package io.dtm.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.dtm.server.config.DtmServerProperties.ApiToken;

/**
 * The configured API tokens, kept as SHA-256 hashes. A token is a long random secret, so
 * one fast hash is enough (a password hash such as BCrypt would cost milliseconds on
 * every API call); the presented token's hash is compared with every configured one in
 * constant time.
 */
public final class ApiTokens {

	private static final HexFormat HEX = HexFormat.of();

	private final List<Entry> entries;

	/**
	 * The tokens.
	 * @param tokens as configured
	 * @throws IllegalArgumentException naming the first token that is not usable
	 */
	public ApiTokens(List<ApiToken> tokens) {
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			ApiToken token = tokens.get(i);
			String key = "dtm.server.security.api.tokens[" + i + "]";
			if (token.getName() == null || token.getName().isBlank()) {
				throw new IllegalArgumentException(key + ".name is missing");
			}
			String hash = (token.getSha256() != null) ? token.getSha256().trim().toLowerCase(Locale.ROOT) : "";
			if (!hash.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException(key + ".sha256 must be the SHA-256 of the token in 64 hex digits"
						+ " (printf %s \"$TOKEN\" | sha256sum), not the token itself");
			}
			if (token.getRole() == null) {
				throw new IllegalArgumentException(key + ".role is missing (CLIENT or OPERATOR)");
			}
			entries.add(new Entry(HEX.parseHex(hash), new ApiCaller(token.getName().trim(), token.getRole())));
		}
		this.entries = List.copyOf(entries);
	}

	/**
	 * Whether no token is configured.
	 * @return whether there is none
	 */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * Who holds a token.
	 * @param token the token as presented
	 * @return its caller, or empty when no configured token matches
	 */
	public Optional<ApiCaller> find(String token) {
		if (token == null || token.isEmpty()) {
			return Optional.empty();
		}
		byte[] presented = sha256(token);
		ApiCaller found = null;
		for (Entry entry : this.entries) {
			// every entry is compared, so the time does not tell which one matched
			if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
				found = entry.caller();
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * The SHA-256 of a token in hex, as the configuration holds it.
	 * @param token the token
	 * @return 64 hex digits
	 */
	public static String hash(String token) {
		return HEX.formatHex(sha256(token));
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private record Entry(byte[] hash, ApiCaller caller) {
	}

}
