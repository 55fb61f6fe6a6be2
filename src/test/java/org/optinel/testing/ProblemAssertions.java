package org.optinel.testing;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is an RFC 9457 problem document of a given status and type. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/** The response is a problem of this status whose type is {@code https://optinel.org/problems/<slug>}. */
	public static Api.Response assertProblem(Api.Response response, int status, String slug) {
		assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
		assertThat(response.contentType()).as("content type of %s", response.body()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString()).as("type of %s", response.body())
			.isEqualTo("https://optinel.org/problems/" + slug);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		return response;
	}

	/** As {@link #assertProblem}, and the {@code errors} list names exactly these fields (in any order). */
	public static Api.Response assertFieldProblem(Api.Response response, int status, String slug, String... fields) {
		assertProblem(response, status, slug);
		assertThat(fieldsOf(response)).as("fields at fault in %s", response.body()).containsExactlyInAnyOrder(fields);
		for (JsonNode error : response.json().path("errors")) {
			assertThat(error.path("message").asString()).as("message of %s", error).isNotBlank();
		}
		return response;
	}

	/** The {@code field} of each entry of the problem's {@code errors} list. */
	public static List<String> fieldsOf(Api.Response response) {
		List<String> fields = new ArrayList<>();
		for (JsonNode error : response.json().path("errors")) {
			fields.add(error.path("field").asString());
		}
		return fields;
	}

	/** The message the problem gives for {@code field}. */
	public static String messageFor(Api.Response response, String field) {
		for (JsonNode error : response.json().path("errors")) {
			if (field.equals(error.path("field").asString())) {
				return error.path("message").asString();
			}
		}
		throw new AssertionError("no error for field '" + field + "' in " + response.body());
	}
}
