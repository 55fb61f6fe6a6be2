package org.optinel.contacts.importing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.optinel.contacts.ImportJob;
import org.optinel.contacts.ImportSource;
import org.optinel.core.TenantId;

import org.springframework.transaction.support.TransactionTemplate;

/** Storage of imports: their records, their rows' effects on the contact base, and their error reports. */
public interface ImportStore {

	/**
	 * Where an import writes its rows: this store and its transactions, or, on SQLite, a connection
	 * of its own tuned for bulk writing. Close it when the import ends.
	 */
	Session openSession();

	/** A store and the transactions to write through it. */
	record Session(ImportStore store, TransactionTemplate transactions, Runnable onClose) implements AutoCloseable {

		@Override
		public void close() {
			onClose.run();
		}
	}

	void createJob(TenantId tenant, String importId, ImportSource source, String sha256, long rowsTotal, Instant now);

	void markRunning(TenantId tenant, String importId, Instant now);

	/**
	 * Writes the valid rows of one batch: inserts the new contacts, merges the rows that match an
	 * existing contact by external reference, phone or email, and adds their activities. A row whose
	 * identifiers belong to different contacts is refused and reported in {@code refused}. Runs in the
	 * caller's transaction.
	 */
	BatchOutcome write(TenantId tenant, String importId, List<ImportRow> rows, Instant now, List<RowError> refused);

	/** Keeps the first errors of an import, up to {@code room}. */
	void recordErrors(TenantId tenant, String importId, List<RowError> errors, int room);

	void progress(TenantId tenant, String importId, Counts counts);

	void finish(TenantId tenant, String importId, ImportJob.Status status, Counts counts, String failure, Instant now);

	Optional<ImportJob> find(TenantId tenant, String importId);

	/** The kept errors of an import, in line order. */
	void errors(TenantId tenant, String importId, Consumer<RowError> sink);

	/** Imports that were queued or running when the service stopped. */
	List<Unfinished> unfinished();

	/**
	 * What one batch did.
	 * @param suppressed created or updated contacts that are on the suppression list (and stay so)
	 */
	record BatchOutcome(long created, long updated, long unchanged, long activitiesAdded, long suppressed) {

		public static final BatchOutcome NONE = new BatchOutcome(0, 0, 0, 0, 0);
	}

	/** An import's counters. */
	record Counts(long rowsRead, long accepted, long rejected, long created, long updated, long unchanged,
			long activitiesAdded, long suppressed) {

		public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

		Counts plus(long read, long acceptedRows, long rejectedRows, BatchOutcome outcome) {
			return new Counts(rowsRead + read, accepted + acceptedRows, rejected + rejectedRows,
					created + outcome.created(), updated + outcome.updated(), unchanged + outcome.unchanged(),
					activitiesAdded + outcome.activitiesAdded(), suppressed + outcome.suppressed());
		}
	}

	/** An import to resume. */
	record Unfinished(TenantId tenant, String importId, ImportSource source) {
	}
}
