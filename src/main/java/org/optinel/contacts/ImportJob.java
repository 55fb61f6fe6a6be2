package org.optinel.contacts;

import java.time.Instant;

/**
 * An import and its provenance: which file (name and SHA-256), the declared origin, and how far it
 * got. Counters move after every batch, so a running import can be watched.
 *
 * @param contactsSuppressed created or updated contacts that are on the suppression list and stay suppressed
 */
public record ImportJob(String id, String kind, String fileName, String origin, String sha256, Status status,
		long rowsTotal, long rowsRead, long accepted, long rejected, long contactsCreated, long contactsUpdated,
		long contactsUnchanged, long activitiesAdded, long contactsSuppressed, String failure, Instant createdAt, Instant startedAt,
		Instant finishedAt) {

	/** Where an import stands. */
	public enum Status {
		QUEUED, RUNNING, DONE, FAILED
	}
}
