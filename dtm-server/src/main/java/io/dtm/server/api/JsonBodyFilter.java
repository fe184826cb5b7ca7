package io.dtm.server.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * dtm reads every {@code /api/dtmsvr/*} body as JSON whatever its {@code Content-Type}
 * says: {@code curl -d} without a header sends {@code application/x-www-form-urlencoded},
 * some clients send {@code text/plain} or {@code *}{@code /*}. This filter presents such
 * a request to Spring MVC as {@code application/json} (keeping a given charset), so those
 * clients work here too.
 */
class JsonBodyFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/api/dtmsvr/";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(PREFIX) || isJson(request.getContentType());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new AsJson(request), response);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()
					&& !type.isWildcardSubtype();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The request with its content type replaced.
	 */
	private static final class AsJson extends HttpServletRequestWrapper {

		private final String contentType;

		AsJson(HttpServletRequest request) {
			super(request);
			String charset = null;
			try {
				MediaType original = (request.getContentType() != null)
						? MediaType.parseMediaType(request.getContentType()) : null;
				charset = (original != null && original.getCharset() != null) ? original.getCharset().name() : null;
			}
			catch (RuntimeException ex) {
				// an unparsable content type is replaced as a whole
			}
			this.contentType = MediaType.APPLICATION_JSON_VALUE + ((charset != null) ? ";charset=" + charset : "");
		}

		@Override
		public String getContentType() {
			return this.contentType;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? this.contentType : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
					? Collections.enumeration(java.util.List.of(this.contentType)) : super.getHeaders(name);
		}

	}

}
