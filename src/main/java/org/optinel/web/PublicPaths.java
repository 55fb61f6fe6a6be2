package org.optinel.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public, unauthenticated pages: hosted forms ({@code /f/}), double opt-in confirmations
 * ({@code /d/}), the preference centre ({@code /p/}), unsubscribe ({@code /unsubscribe/}) and
 * campaign answers ({@code /c/}). Not the API, which has keys, nor the providers' webhooks.
 */
final class PublicPaths {

	static final List<String> PREFIXES = List.of("/f/", "/d/", "/p/", "/unsubscribe/", "/c/");

	private PublicPaths() {
	}

	/** The request's path as the servlet container mapped it: decoded and normalised, so {@code /x/../f/} is {@code /f/}. */
	static String of(HttpServletRequest request) {
		String path = request.getServletPath();
		return request.getPathInfo() == null ? path : path + request.getPathInfo();
	}

	static boolean isPublic(String path) {
		for (String prefix : PREFIXES) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}
}
