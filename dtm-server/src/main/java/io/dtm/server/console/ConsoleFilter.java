package io.dtm.server.console;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.TransQuery;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The transaction list's filters as the page sends them: {@code status}, {@code type},
 * {@code gid} (a prefix), {@code from} and {@code to} (creation time, as a
 * {@code datetime-local} input sends it), and the keyset {@code position}.
 *
 * @param status the status, {@code null} for all
 * @param type the mode, {@code null} for all
 * @param gidPrefix the gid prefix, empty for all
 * @param from inclusive lower bound of the creation time, may be {@code null}
 * @param to inclusive upper bound of the creation time, may be {@code null}
 * @param position exclusive upper row id (the next page), may be {@code null}
 */
public record ConsoleFilter(GlobalStatus status, TransType type, String gidPrefix, LocalDateTime from, LocalDateTime to,
		Long position) {

	/** The longest gid prefix accepted (dtm's gid column is 128 characters). */
	static final int MAX_GID_LENGTH = 128;

	/**
	 * Read the filters from request parameters.
	 * @param status {@code status}
	 * @param type {@code type}
	 * @param gid {@code gid}
	 * @param from {@code from}
	 * @param to {@code to}
	 * @param position {@code position}
	 * @return the filter
	 * @throws IllegalArgumentException naming the parameter that is not valid
	 */
	public static ConsoleFilter parse(String status, String type, String gid, String from, String to, String position) {
		String prefix = (gid != null) ? gid.trim() : "";
		if (prefix.length() > MAX_GID_LENGTH) {
			throw new IllegalArgumentException("gid prefix is longer than " + MAX_GID_LENGTH + " characters");
		}
		return new ConsoleFilter(parseStatus(status), parseType(type), prefix, parseTime("from", from),
				parseTime("to", to), parsePosition(position));
	}

	/**
	 * The store query of one page.
	 * @param limit page size
	 * @return the query
	 */
	public TransQuery query(int limit) {
		return new TransQuery(this.position, limit, this.status, this.type, this.from, this.to,
				this.gidPrefix.isEmpty() ? null : this.gidPrefix);
	}

	/**
	 * The same filters at another position.
	 * @param newPosition the position, {@code null} for the first page
	 * @return the filter
	 */
	public ConsoleFilter at(Long newPosition) {
		return new ConsoleFilter(this.status, this.type, this.gidPrefix, this.from, this.to, newPosition);
	}

	/**
	 * The filters as query parameters, for links.
	 * @param path the path
	 * @return the path with its query
	 */
	public String toUri(String path) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
		parameters().forEach(builder::queryParam);
		return builder.build().encode().toUriString();
	}

	/**
	 * The non-empty filters as parameter values.
	 * @return name to value
	 */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (this.status != null) {
			parameters.put("status", this.status.wireValue());
		}
		if (this.type != null) {
			parameters.put("type", this.type.wireValue());
		}
		if (!this.gidPrefix.isEmpty()) {
			parameters.put("gid", this.gidPrefix);
		}
		if (this.from != null) {
			parameters.put("from", this.from.toString());
		}
		if (this.to != null) {
			parameters.put("to", this.to.toString());
		}
		if (this.position != null) {
			parameters.put("position", this.position.toString());
		}
		return parameters;
	}

	private static GlobalStatus parseStatus(String value) {
		if (isEmpty(value)) {
			return null;
		}
		try {
			return GlobalStatus.fromWireValue(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"status '" + value + "' is not one of prepared, submitted, aborting, " + "succeed, failed");
		}
	}

	private static TransType parseType(String value) {
		if (isEmpty(value)) {
			return null;
		}
		try {
			return TransType.fromWireValue(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("type '" + value + "' is not a transaction type");
		}
	}

	private static LocalDateTime parseTime(String name, String value) {
		if (isEmpty(value)) {
			return null;
		}
		try {
			return LocalDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " '" + value + "' is not a date and time like 2026-12-07T15:30");
		}
	}

	private static Long parsePosition(String value) {
		if (isEmpty(value)) {
			return null;
		}
		try {
			long position = Long.parseLong(value);
			if (position <= 0) {
				throw new NumberFormatException();
			}
			return position;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("position '" + value + "' is not a positive row id");
		}
	}

	private static boolean isEmpty(String value) {
		return value == null || value.isBlank();
	}

}
