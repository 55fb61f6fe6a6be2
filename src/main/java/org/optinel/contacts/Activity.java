package org.optinel.contacts;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored activity of a contact.
 *
 * @param recordedAt when Optinel learnt of it
 * @param importId the import it came from, or {@code null}
 */
public record Activity(ActivityType type, Instant occurredAt, Instant recordedAt, String importId) {

	public Activity {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(recordedAt, "recordedAt");
	}
}
