package org.optinel.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client IP on the public pages (see {@link PublicPaths}) with two token buckets: one
 * for reads, a tighter one for writes. Over the limit the answer is 429 with {@code Retry-After}
 * and a problem document saying when to try again; nothing reaches a controller.
 *
 * <p>The client is {@link HttpServletRequest#getRemoteAddr()}. Behind a reverse proxy or load
 * balancer that is the proxy, and every visitor would share one budget: set
 * {@code server.forward-headers-strategy=native} (or {@code framework}) so that the address comes
 * from {@code X-Forwarded-For}, and let only the proxy reach Optinel, or anyone could name any IP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PublicRateLimitFilter extends OncePerRequestFilter {

	private final boolean enabled;

	private final TokenBuckets reads;

	private final TokenBuckets writes;

	private final ProblemWriter problems;

	PublicRateLimitFilter(PublicRateLimitProperties properties, Clock clock, ProblemWriter problems) {
		this.enabled = properties.enabled();
		this.reads = new TokenBuckets(clock, properties.readsPerMinute(), properties.readBurst(), properties.maxClients());
		this.writes = new TokenBuckets(clock, properties.writesPerMinute(), properties.writeBurst(),
				properties.maxClients());
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !enabled || !PublicPaths.isPublic(PublicPaths.of(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
		Duration wait = (read ? reads : writes).take(request.getRemoteAddr());
		if (!wait.isZero()) {
			problems.tooManyRequests(request, response, wait, read);
			return;
		}
		chain.doFilter(request, response);
	}
}
