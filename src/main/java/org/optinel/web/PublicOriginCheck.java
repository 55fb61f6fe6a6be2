package org.optinel.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.optinel.pages.FormManagement;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for the public pages, by origin rather than by token.
 *
 * <p>The public pages keep no session and set no cookie, so a forged request rides on nothing: it
 * can only do what anyone could do by opening the page. What remains is a foreign page making a
 * visitor's browser send a form they never saw, under their IP and user agent, as if it were their
 * own act. So a POST to a public page is refused (403 problem, before any controller runs, nothing
 * written) when the browser says it came from another site:
 * <ul>
 * <li>an {@code Origin} header that is neither this service's own origin nor, on a hosted form
 * {@code /f/{key}}, one of the {@code embedOrigins} the tenant declared on that form;</li>
 * <li>or, when {@code Origin} is absent or {@code null} (our pages send
 * {@code Referrer-Policy: no-referrer}, so browsers post them with {@code Origin: null}),
 * {@code Sec-Fetch-Site: cross-site} or {@code same-site}.</li>
 * </ul>
 * A request with neither header is let through: that is a server, not a browser, and servers are
 * exactly what RFC 8058 one-click unsubscribes come from (EM-02); a server can send any header it
 * likes, so refusing it would protect no one. Our own origin is the one the request was addressed
 * to, which behind a proxy needs {@code server.forward-headers-strategy}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
class PublicOriginCheck extends OncePerRequestFilter {

	private static final String FORMS = "/f/";

	private final FormManagement forms;

	private final ProblemWriter problems;

	PublicOriginCheck(FormManagement forms, ProblemWriter problems) {
		this.forms = forms;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
		return safe || !PublicPaths.isPublic(PublicPaths.of(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (origin == null || origin.isBlank() || "null".equals(origin.strip())) {
			String site = request.getHeader("Sec-Fetch-Site");
			if (site != null && ("cross-site".equalsIgnoreCase(site.strip()) || "same-site".equalsIgnoreCase(site.strip()))) {
				problems.foreignOrigin(request, response, null);
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		String sent = origin.strip().toLowerCase(Locale.ROOT);
		if (sent.equals(ownOrigin(request)) || declaredByTheForm(PublicPaths.of(request), sent)) {
			chain.doFilter(request, response);
			return;
		}
		problems.foreignOrigin(request, response, origin.strip());
	}

	private boolean declaredByTheForm(String path, String origin) {
		if (!path.startsWith(FORMS)) {
			return false;
		}
		String key = path.substring(FORMS.length());
		int slash = key.indexOf('/');
		List<String> declared = forms.embedOrigins(slash < 0 ? key : key.substring(0, slash));
		return declared.contains(origin);
	}

	/** {@code scheme://host[:port]} as the request was addressed, without the scheme's default port. */
	static String ownOrigin(HttpServletRequest request) {
		String scheme = request.getScheme().toLowerCase(Locale.ROOT);
		int port = request.getServerPort();
		boolean standard = port < 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
		return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
	}
}
