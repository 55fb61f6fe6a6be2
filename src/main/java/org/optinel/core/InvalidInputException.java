package org.optinel.core;

import java.util.List;
import java.util.stream.Collectors;

/** One or more fields of a request are invalid; nothing has been written. */
public class InvalidInputException extends OptinelException {

	private final List<FieldViolation> violations;

	public InvalidInputException(List<FieldViolation> violations) {
		super(ProblemKind.INVALID, "invalid-input", "Invalid input", violations.stream()
			.map(v -> v.field() + ": " + v.message())
			.collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
		with("errors", this.violations);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return violations;
	}
}
