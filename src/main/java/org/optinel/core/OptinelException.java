package org.optinel.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller can act on. Carries a stable problem type (the last segment of the RFC 9457
 * {@code type} URI), a short title, a detail that says what to fix, and extra members for the
 * problem document. Anything that is not an {@code OptinelException} is our fault and answers 500.
 */
public class OptinelException extends RuntimeException {

	private final ProblemKind kind;

	private final String type;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public OptinelException(ProblemKind kind, String type, String title, String detail) {
		super(detail);
		this.kind = kind;
		this.type = type;
		this.title = title;
	}

	/** Adds a member to the problem document (for example {@code existingId}). */
	public OptinelException with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	public ProblemKind kind() {
		return kind;
	}

	public String type() {
		return type;
	}

	public String title() {
		return title;
	}

	public String detail() {
		return getMessage();
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}
}
