package org.optinel.contacts;

import java.time.Instant;

/**
 * An activity of a contact and the lifecycle it leads to.
 *
 * @param created false when the same activity (type and instant) was already recorded
 */
public record RecordedActivity(ContactId contact, ActivityType type, Instant occurredAt, boolean created,
		Lifecycle lifecycle) {
}
