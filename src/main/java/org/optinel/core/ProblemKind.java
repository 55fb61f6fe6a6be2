package org.optinel.core;

/** The broad class of a problem, which decides the HTTP status the web layer answers with. */
public enum ProblemKind {

	BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
	INVALID(422), UNAVAILABLE(503);

	private final int status;

	ProblemKind(int status) {
		this.status = status;
	}

	public int status() {
		return status;
	}
}
