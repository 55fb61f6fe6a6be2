package org.optinel.consent;

import java.util.List;
import java.util.stream.Collectors;

import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;

/**
 * A batch of consent answers of which some cannot be recorded, so that none was: 422
 * {@code invalid-batch}, with {@code errors} naming each bad answer by its index in the batch, the
 * field at fault and, for a refusal by a consent rule, the rule id.
 */
public class InvalidBatchException extends OptinelException {

	private final List<ItemError> errors;

	public InvalidBatchException(List<ItemError> errors) {
		super(ProblemKind.INVALID, "invalid-batch", "Invalid batch", errors.size() + " of the answers cannot be recorded, "
				+ "so none was: " + errors.stream().limit(5).map(ItemError::text).collect(Collectors.joining("; "))
				+ (errors.size() > 5 ? "; ..." : "") + ". Correct them and send the batch again.");
		this.errors = List.copyOf(errors);
		with("errors", this.errors);
	}

	public List<ItemError> errors() {
		return errors;
	}

	/**
	 * What is wrong with one answer of a batch.
	 *
	 * @param index the answer's place in the batch, from 0
	 * @param field the field at fault, as in a single answer ({@code purpose}, {@code evidence.ip}); may be null
	 * @param rule the rule of RULES.md that refuses it (GDPR-01...), or null for an invalid field
	 */
	public record ItemError(int index, String field, String message, String rule) {

		String text() {
			return "[" + index + "]" + (field == null ? "" : " " + field) + (rule == null ? "" : " " + rule) + ": "
					+ message;
		}
	}
}
