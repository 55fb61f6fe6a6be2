package org.optinel.contacts;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact whose retention period may be over (FR-09): a prospect collected, and last heard from,
 * before the prospect cutoff, or an ex-client whose last client-making activity is before the
 * client cutoff. Whether it has a consent that keeps it is for the caller to check.
 *
 * @param lastInboundAt the last act of the person (any activity), or {@code null}
 * @param lastClientActivityAt the last client-making activity, or {@code null} for a prospect
 */
public record DormantContact(ContactId id, Lifecycle lifecycle, Instant createdAt, Instant lastInboundAt,
		Instant lastClientActivityAt) {

	public DormantContact {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(lifecycle, "lifecycle");
		Objects.requireNonNull(createdAt, "createdAt");
	}
}
