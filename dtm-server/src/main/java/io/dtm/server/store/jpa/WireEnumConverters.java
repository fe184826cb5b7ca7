package io.dtm.server.store.jpa;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * JPA converters that persist the wire enums by their wire strings, never by ordinal.
 */
final class WireEnumConverters {

	private WireEnumConverters() {
	}

	@Converter
	static final class GlobalStatusConverter implements AttributeConverter<GlobalStatus, String> {

		@Override
		public String convertToDatabaseColumn(GlobalStatus value) {
			return (value != null) ? value.wireValue() : null;
		}

		@Override
		public GlobalStatus convertToEntityAttribute(String value) {
			return (value != null) ? GlobalStatus.fromWireValue(value) : null;
		}

	}

	@Converter
	static final class BranchStatusConverter implements AttributeConverter<BranchStatus, String> {

		@Override
		public String convertToDatabaseColumn(BranchStatus value) {
			return (value != null) ? value.wireValue() : null;
		}

		@Override
		public BranchStatus convertToEntityAttribute(String value) {
			return (value != null) ? BranchStatus.fromWireValue(value) : null;
		}

	}

	@Converter
	static final class BranchOpConverter implements AttributeConverter<BranchOp, String> {

		@Override
		public String convertToDatabaseColumn(BranchOp value) {
			return (value != null) ? value.wireValue() : null;
		}

		@Override
		public BranchOp convertToEntityAttribute(String value) {
			return (value != null) ? BranchOp.fromWireValue(value) : null;
		}

	}

	@Converter
	static final class TransTypeConverter implements AttributeConverter<TransType, String> {

		@Override
		public String convertToDatabaseColumn(TransType value) {
			return (value != null) ? value.wireValue() : null;
		}

		@Override
		public TransType convertToEntityAttribute(String value) {
			return (value != null) ? TransType.fromWireValue(value) : null;
		}

	}

}
