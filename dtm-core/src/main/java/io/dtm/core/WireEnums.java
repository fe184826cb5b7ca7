package io.dtm.core;

import java.util.Locale;
import java.util.function.Function;

/**
 * Lookup helper shared by the wire enums: maps a wire string back to its constant and
 * names the offending value when it is unknown.
 */
final class WireEnums {

	private WireEnums() {
	}

	static <E extends Enum<E>> E fromWire(Class<E> type, String value, Function<E, String> wire) {
		if (value != null) {
			String lower = value.toLowerCase(Locale.ROOT);
			for (E candidate : type.getEnumConstants()) {
				if (wire.apply(candidate).equals(lower)) {
					return candidate;
				}
			}
		}
		throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + value + "'");
	}

}
