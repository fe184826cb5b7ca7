package io.dtm.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses {@code /api/dtmsvr/*} and {@code /api/json-rpc} bodies larger than
 * {@code dtm.server.limits.max-request-bytes} with 413 before they are read into memory:
 * at once when {@code Content-Length} says so, and while reading a chunked body as soon
 * as it passes the limit.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			refuse(response, request.getContentLengthLong());
			return;
		}
		try {
			chain.doFilter(new Limited(request, this.maxBytes), response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!isTooLarge(ex) || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			refuse(response, -1);
		}
	}

	static boolean isTooLarge(Throwable ex) {
		return tooLarge(ex) != null;
	}

	static TooLarge tooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof TooLarge tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	private void refuse(HttpServletResponse response, long length) throws IOException {
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		String size = (length >= 0) ? length + " bytes" : "more than " + this.maxBytes + " bytes";
		response.getOutputStream()
			.write(("{\"message\":\"request body of " + size + " exceeds dtm.server.limits.max-request-bytes ("
					+ this.maxBytes + ")\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Thrown by the counting stream when the limit is passed.
	 */
	static final class TooLarge extends IOException {

		TooLarge(long maxBytes) {
			super("request body exceeds dtm.server.limits.max-request-bytes (" + maxBytes + ")");
		}

	}

	/**
	 * The request whose body stream counts what it delivers.
	 */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	/**
	 * Counts bytes and fails past the limit.
	 */
	private static final class Counting extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		Counting(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new TooLarge(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
