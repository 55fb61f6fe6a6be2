package org.optinel.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.optinel.core.PageLanguage;
import org.optinel.core.Problems;
import org.optinel.core.StyleHash;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes a problem document straight to the response, for errors met before any controller runs. A
 * refusal of a public page sent to a browser that asks for HTML is a short page in French or
 * English instead, with the same status and headers: a person reads it, not a program.
 */
@Component
class ProblemWriter {

	private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
			+ "padding:0 1rem;color:#111}";

	private static final String STYLE_HASH = StyleHash.of(STYLE);

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	void tooLarge(HttpServletResponse response, long limit) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", Problems.type("body-too-large").toString());
		problem.put("title", "Request body too large");
		problem.put("status", 413);
		problem.put("detail", ProblemHandling.tooLargeDetail(limit));
		problem.put("limit", limit);
		response.setStatus(413);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/** 429: this client used its budget of reads or writes; {@code Retry-After} says when a request is free again. */
	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration wait, boolean read)
			throws IOException {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", Problems.type("too-many-requests").toString());
		problem.put("title", "Too many requests");
		problem.put("status", 429);
		problem.put("detail", "Too many " + (read ? "page loads" : "submissions") + " from your network address in a "
				+ "short time; try again in " + seconds + (seconds == 1 ? " second." : " seconds."));
		problem.put("retryAfter", seconds);
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setHeader("Cache-Control", "no-store");
		if (wantsPage(request)) {
			String language = language(request);
			page(response, language, PageLanguage.ENGLISH.equals(language) ? "Too many requests"
					: "Trop de demandes", PageLanguage.ENGLISH.equals(language)
							? "Too many requests from your network address in a short time; try again in " + seconds
									+ (seconds == 1 ? " second." : " seconds.")
							: "Trop de demandes depuis votre adresse réseau en peu de temps ; réessayez dans " + seconds
									+ (seconds == 1 ? " seconde." : " secondes."));
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/** 403: a public POST sent from a page of another site (see {@code PublicOriginCheck}); nothing was written. */
	void foreignOrigin(HttpServletRequest request, HttpServletResponse response, String origin) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", Problems.type("foreign-origin").toString());
		problem.put("title", "Submission from another site refused");
		problem.put("status", 403);
		problem.put("detail", (origin == null ? "This request was sent by a page of another site"
				: "This request was sent by a page of " + origin)
				+ ", which may not submit here; nothing was recorded. Use the page itself, or declare the site's "
				+ "origin in the form's embedOrigins.");
		if (origin != null) {
			problem.put("origin", origin);
		}
		response.setStatus(403);
		response.setHeader("Cache-Control", "no-store");
		if (wantsPage(request)) {
			String language = language(request);
			page(response, language, PageLanguage.ENGLISH.equals(language) ? "Submission refused" : "Envoi refusé",
					PageLanguage.ENGLISH.equals(language)
							? "This form was sent from a page of another site, which may not submit here: nothing "
									+ "was recorded. Open the form on its own page and send it again."
							: "Ce formulaire a été envoyé depuis la page d'un autre site, qui n'en a pas le droit : rien "
									+ "n'a été enregistré. Ouvrez le formulaire sur sa propre page et envoyez-le à nouveau.");
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/** A browser navigating (it asks for HTML) gets a page a person can read; any other client the problem document. */
	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	private static String language(HttpServletRequest request) {
		List<Locale> browser = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? List.of()
				: Collections.list(request.getLocales());
		return PageLanguage.choose(null, browser, null);
	}

	/** The plain page of a refusal, with the status and headers already set. */
	private static void page(HttpServletResponse response, String language, String title, String text) throws IOException {
		String html = "<!doctype html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
				+ "</title>\n<style>" + STYLE + "</style></head>\n<body><main><h1>" + title + "</h1>\n<p>"
				+ HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name()) + "</p>\n</main></body></html>\n";
		response.setHeader("Content-Security-Policy", "default-src 'none'; style-src " + STYLE_HASH
				+ "; frame-ancestors 'none'; base-uri 'none'");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString());
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}
}
