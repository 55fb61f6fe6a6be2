package org.optinel.contacts;

import java.util.Objects;
import java.util.Optional;

import org.optinel.core.Ids;

/** The opaque identifier of a contact inside Optinel. */
public record ContactId(String value) {

	public ContactId {
		Objects.requireNonNull(value, "value");
		if (!Ids.isCanonical(value)) {
			throw new IllegalArgumentException("not a contact id: " + value);
		}
	}

	/** The id, or empty when {@code value} cannot be an id (and so names no contact). */
	public static Optional<ContactId> parse(String value) {
		try {
			return Optional.of(new ContactId(value));
		}
		catch (IllegalArgumentException | NullPointerException e) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
