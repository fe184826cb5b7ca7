package io.dtm.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.DtmResult;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.service.DtmApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps every error of the dtm API to dtm's envelope: 400 bad input, 409
 * {@code {"dtm_result":"FAILURE"}}, 425 {@code {"dtm_result":"ONGOING"}}, 500 anything
 * else; always with a {@code message}.
 */
@RestControllerAdvice(basePackageClasses = DtmExceptionHandler.class)
public class DtmExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DtmExceptionHandler.class);

	private final ObjectProvider<StoreFailures> storeFailures;

	private final boolean strictClientErrors;

	DtmExceptionHandler(ObjectProvider<StoreFailures> storeFailures, DtmServerProperties properties) {
		this.storeFailures = storeFailures;
		this.strictClientErrors = properties.getStrict().isClientErrors();
	}

	@ExceptionHandler(DtmApiException.BadRequest.class)
	ResponseEntity<Map<String, Object>> badRequest(DtmApiException ex) {
		return reply(HttpStatus.BAD_REQUEST, null, ex.getMessage());
	}

	@ExceptionHandler(DtmApiException.Conflict.class)
	ResponseEntity<Map<String, Object>> conflict(DtmApiException ex) {
		return reply(HttpStatus.CONFLICT, DtmResult.FAILURE, ex.getMessage());
	}

	@ExceptionHandler(DtmApiException.Ongoing.class)
	ResponseEntity<Map<String, Object>> ongoing(DtmApiException ex) {
		return reply(HttpStatus.TOO_EARLY, DtmResult.ONGOING, ex.getMessage());
	}

	@ExceptionHandler(DtmApiException.ClientError.class)
	ResponseEntity<Map<String, Object>> clientError(DtmApiException.ClientError ex) {
		HttpStatus status = this.strictClientErrors ? HttpStatus.valueOf(ex.strictStatus())
				: HttpStatus.INTERNAL_SERVER_ERROR;
		return reply(status, null, ex.getMessage());
	}

	@ExceptionHandler(DtmApiException.Failed.class)
	ResponseEntity<Map<String, Object>> failed(DtmApiException ex) {
		return reply(HttpStatus.INTERNAL_SERVER_ERROR, null, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		RequestSizeLimitFilter.TooLarge tooLarge = RequestSizeLimitFilter.tooLarge(ex);
		if (tooLarge != null) {
			return reply(HttpStatus.PAYLOAD_TOO_LARGE, null, tooLarge.getMessage());
		}
		Throwable cause = ex.getMostSpecificCause();
		String detail = (cause != null && cause.getMessage() != null) ? firstLine(cause.getMessage())
				: "body is missing";
		String field = (ex.getCause() instanceof JsonMappingException mapping) ? path(mapping) : "";
		return reply(HttpStatus.BAD_REQUEST, null,
				"malformed JSON body: " + (field.isEmpty() ? "" : "field '" + field + "': ") + detail);
	}

	private static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : ex.getPath()) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	ResponseEntity<Map<String, Object>> badParameter(Exception ex) {
		return reply(HttpStatus.BAD_REQUEST, null, ex.getMessage());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, ex.getMessage() + "; send application/json");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return reply(HttpStatus.METHOD_NOT_ALLOWED, null, ex.getMessage());
	}

	/**
	 * A store failure answers 503 (store unreachable) or 500 (the store refused the
	 * statement) with the D-code, its cause and action and no SQL or stack text; the log
	 * gets one line per occurrence. Anything else is a bug: 500 and its stack trace in
	 * the log.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> other(Exception ex) {
		StoreFailures failures = this.storeFailures.getIfAvailable();
		Optional<Diagnosis> diagnosis = (failures != null) ? failures.diagnose(ex) : Optional.empty();
		if (diagnosis.isPresent()) {
			failures.report(ex);
			Diagnosis d = diagnosis.get();
			HttpStatus status = StoreFailures.isOutage(d) ? HttpStatus.SERVICE_UNAVAILABLE
					: HttpStatus.INTERNAL_SERVER_ERROR;
			ResponseEntity<Map<String, Object>> reply = reply(status, null, d.message());
			reply.getBody().put("code", d.code().name());
			return reply;
		}
		logger.error("request failed", ex);
		return reply(HttpStatus.INTERNAL_SERVER_ERROR, null, firstLine(String.valueOf(ex.getMessage())));
	}

	private static ResponseEntity<Map<String, Object>> reply(HttpStatus status, DtmResult result, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (result != null) {
			body.put("dtm_result", result.wireValue());
		}
		body.put("message", message);
		return ResponseEntity.status(status).body(body);
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
