package org.optinel.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running application: tests see exactly what a caller sees. */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String key;

	public Api(int port, String key) {
		this.base = "http://127.0.0.1:" + port;
		this.key = key;
	}

	/** The same server as another key. */
	public Api as(String otherKey) {
		return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
	}

	public Response get(String path) {
		return send(builder(path).GET());
	}

	public Response post(String path, String json) {
		return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response patch(String path, String json) {
		return send(builder(path).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public HttpRequest.Builder builder(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		return builder;
	}

	/** Status, content type and body of a response; {@link #json()} parses the body. */
	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String text(String field) {
			JsonNode node = json().get(field);
			return node == null || node.isNull() ? null : node.asString();
		}

		public boolean isProblem() {
			return contentType.startsWith("application/problem+json");
		}
	}
}
