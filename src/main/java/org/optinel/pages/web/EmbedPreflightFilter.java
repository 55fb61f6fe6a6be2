package org.optinel.pages.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.optinel.pages.FormManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers CORS preflights for hosted forms, {@code OPTIONS /f/{key}}: allowed, for GET and POST
 * with a {@code Content-Type}, to the sites declared in the form's {@code embedOrigins}; refused
 * with 403 and no CORS header for any other site, so its browser sends nothing. Spring MVC would
 * answer a preflight itself, before any controller, from static configuration; the declared
 * sites are per form, so they are read here.
 */
@Component
class EmbedPreflightFilter extends OncePerRequestFilter {

	private final FormManagement forms;

	EmbedPreflightFilter(FormManagement forms) {
		this.forms = forms;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getServletPath();
		return !"OPTIONS".equals(request.getMethod()) || request.getHeader(HttpHeaders.ORIGIN) == null
				|| !path.startsWith(FormPageController.PATH) || path.indexOf('/', FormPageController.PATH.length()) >= 0;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getServletPath().substring(FormPageController.PATH.length());
		String origin = EmbeddedFormController.declaredOrNull(request.getHeader(HttpHeaders.ORIGIN),
				forms.embedOrigins(key));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		if (origin == null) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HttpHeaders.CONTENT_TYPE);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}
}
