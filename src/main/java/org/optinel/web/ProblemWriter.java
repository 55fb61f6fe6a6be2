package org.optinel.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.optinel.core.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes a problem document straight to the response, for errors met before any controller runs. */
@Component
class ProblemWriter {

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
	void tooManyRequests(HttpServletResponse response, Duration wait, boolean read) throws IOException {
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
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/** 403: a public POST sent from a page of another site (see {@code PublicOriginCheck}); nothing was written. */
	void foreignOrigin(HttpServletResponse response, String origin) throws IOException {
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
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
