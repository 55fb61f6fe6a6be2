package org.optinel.tenancy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admits a request under {@code /api/v1} only with a live tenant API key
 * ({@code Authorization: Bearer <key>}) and records the tenant for the handler. Failures go through
 * the common problem handling, so they read like every other error.
 */
class ApiKeyInterceptor implements HandlerInterceptor {

	static final String TENANT_ATTRIBUTE = ApiKeyInterceptor.class.getName() + ".tenant";

	private final TenantManagement tenants;

	ApiKeyInterceptor(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String key = bearer(request);
		if (key == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			throw new OptinelException(ProblemKind.UNAUTHORIZED, "unauthorized", "Missing API key",
					"Send the tenant's API key as 'Authorization: Bearer <key>'.");
		}
		TenantId tenant = tenants.authenticate(key).orElseThrow(() -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			return new OptinelException(ProblemKind.UNAUTHORIZED, "unauthorized", "Unknown API key",
					"The API key is not known or has been revoked.");
		});
		request.setAttribute(TENANT_ATTRIBUTE, tenant);
		return true;
	}

	static String bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = header.substring(7).strip();
		return token.isEmpty() ? null : token;
	}
}
