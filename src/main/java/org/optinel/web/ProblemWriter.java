package org.optinel.web;

import java.io.IOException;
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
}
