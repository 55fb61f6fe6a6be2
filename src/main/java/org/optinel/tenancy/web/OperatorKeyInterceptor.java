package org.optinel.tenancy.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.tenancy.TenancyProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/** Admits operator requests only with the configured operator key, compared in constant time. */
class OperatorKeyInterceptor implements HandlerInterceptor {

	private final TenancyProperties properties;

	OperatorKeyInterceptor(TenancyProperties properties) {
		this.properties = properties;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (properties.operatorKey() == null) {
			throw new OptinelException(ProblemKind.FORBIDDEN, "operator-api-disabled", "Operator API disabled",
					"Creating tenants over the API is disabled; set OPTINEL_OPERATOR_KEY to enable it.");
		}
		String key = ApiKeyInterceptor.bearer(request);
		if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
				properties.operatorKey().getBytes(StandardCharsets.UTF_8))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			throw new OptinelException(ProblemKind.UNAUTHORIZED, "unauthorized", "Operator key required",
					"Send the operator key (OPTINEL_OPERATOR_KEY) as 'Authorization: Bearer <key>'.");
		}
		return true;
	}
}
