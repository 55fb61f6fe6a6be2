package org.optinel.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the configured limit: at once when {@code Content-Length} says so,
 * and while reading when the body is chunked. Imports (contacts and opt-out lists) have the larger
 * import limit, which the multipart resolver also enforces on uploads; batch endpoints (10,000
 * consent answers or eligibility subjects) have the batch limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final ProblemWriter problems;

	private final long jsonLimit;

	private final long importLimit;

	private final long batchLimit;

	BodySizeLimitFilter(WebProperties properties, ProblemWriter problems) {
		this.problems = problems;
		this.jsonLimit = properties.maxJsonBody().toBytes();
		this.importLimit = properties.maxImportBody().toBytes();
		this.batchLimit = properties.maxBatchBody().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		boolean bulk = path.startsWith("/api/v1/imports") || path.startsWith("/api/v1/suppressions/imports");
		long limit = bulk ? importLimit : (path.startsWith("/api/v1/") && path.endsWith("/batch")) ? batchLimit : jsonLimit;
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			problems.tooLarge(response, limit);
			return;
		}
		chain.doFilter(declared >= 0 ? request : new LimitedRequest(request, limit), response);
	}

	/** Thrown while reading a chunked body that grows past the limit. */
	static final class BodyTooLargeException extends IOException {

		final long limit;

		BodyTooLargeException(long limit) {
			super("request body larger than " + limit + " bytes");
			this.limit = limit;
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream delegate = super.getInputStream();
				stream = new ServletInputStream() {

					private long count;

					@Override
					public int read() throws IOException {
						int b = delegate.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = delegate.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						count += n;
						if (count > limit) {
							throw new BodyTooLargeException(limit);
						}
					}

					@Override
					public boolean isFinished() {
						return delegate.isFinished();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						delegate.setReadListener(listener);
					}
				};
			}
			return stream;
		}
	}
}
