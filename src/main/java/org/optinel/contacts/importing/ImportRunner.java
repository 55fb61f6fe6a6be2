package org.optinel.contacts.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.optinel.contacts.ContactNormalisation;
import org.optinel.contacts.ContactsImported;
import org.optinel.contacts.ContactsProperties;
import org.optinel.contacts.ImportJob;
import org.optinel.contacts.ImportProgress;
import org.optinel.contacts.ImportSource;
import org.optinel.contacts.ImportSummary;
import org.optinel.core.Ids;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs imports. A file is first {@linkplain CsvFile#inspect inspected} as a whole (nothing is written
 * if it cannot be read); then one thread reads and normalises rows (libphonenumber is the main cost)
 * while the calling thread writes them, one transaction per batch. Each row is accepted whole or
 * rejected whole with its reasons; a batch the database refuses is retried row by row so that one
 * bad row never takes its neighbours down. Imports are idempotent: running the same file again
 * changes nothing, which is also how an import interrupted by a crash is completed.
 */
@Component
public class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private final ImportStore store;

	private final TenantManagement tenants;

	private final ContactNormalisation normalisation;

	private final Ids ids;

	private final Clock clock;

	private final ContactsProperties properties;

	private final IdentifierHashing hashing;

	private final ApplicationEventPublisher events;

	private final PlatformTransactionManager transactionManager;

	ImportRunner(ImportStore store, TenantManagement tenants, ContactNormalisation normalisation, Ids ids, Clock clock,
			ContactsProperties properties, IdentifierHashing hashing, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.hashing = hashing;
		this.events = events;
		this.transactionManager = transactionManager;
		this.store = store;
		this.tenants = tenants;
		this.normalisation = normalisation;
		this.ids = ids;
		this.clock = clock;
		this.properties = properties;
	}

	/** A file that passed inspection and has its import record, ready to {@link #run}. */
	public record Prepared(TenantId tenant, String importId, Path file, ImportSource source, CsvFile.Layout layout) {
	}

	/**
	 * Inspects the file and records the import as queued.
	 * @throws InvalidImportFileException when the file cannot be imported; nothing is recorded then
	 */
	public Prepared prepare(TenantId tenant, Path file, ImportSource source) {
		tenants.require(tenant);
		CsvFile.Layout layout = CsvFile.inspect(file, source.columns());
		String importId = ids.next();
		store.createJob(tenant, importId, source, layout.sha256(), layout.rows(), clock.instant());
		return new Prepared(tenant, importId, file, source, layout);
	}

	/** Inspects again the file of an import that a stop interrupted. */
	public Prepared resume(TenantId tenant, String importId, Path file, ImportSource source) {
		return new Prepared(tenant, importId, file, source, CsvFile.inspect(file, source.columns()));
	}

	public ImportSummary run(Prepared prepared, ImportProgress progress) {
		Tenant tenant = tenants.require(prepared.tenant());
		TenantId tenantId = tenant.id();
		String importId = prepared.importId();
		Instant started = clock.instant();
		store.markRunning(tenantId, importId, started);
		// the hasher is made here, outside any transaction, so that a tenant's first secret is committed
		// before the reader hashes with it (the reader thread, not the writer, pays for the hashes)
		RowReader reader = new RowReader(prepared.layout(), normalisation, tenant.defaultRegion(), tenant.timeZone(),
				started.plus(properties.maxClockSkew()), hashing.hasher(tenantId));
		AtomicLong bytes = new AtomicLong();
		BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
		Thread parser = new Thread(() -> produce(prepared, reader, bytes, queue), "optinel-import-reader");
		parser.setDaemon(true);
		parser.start();
		ImportStore.Counts counts = ImportStore.Counts.ZERO;
		try (ImportStore.Session session = store.openSession()) {
			while (true) {
				Batch batch = queue.take();
				if (batch.failure != null) {
					throw batch.failure;
				}
				counts = write(session, tenantId, importId, batch, counts);
				progress.update(bytes.get(), prepared.layout().bytes(), counts.rowsRead(), counts.accepted(),
						counts.rejected());
				if (batch.last) {
					break;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			parser.interrupt();
			store.finish(tenantId, importId, ImportJob.Status.FAILED, counts, "interrupted", clock.instant());
			throw new IllegalStateException("Import " + importId + " was interrupted", e);
		}
		catch (RuntimeException e) {
			parser.interrupt();
			log.error("Import {} of tenant {} failed after {} rows", importId, tenantId, counts.rowsRead(), e);
			store.finish(tenantId, importId, ImportJob.Status.FAILED, counts, e.getMessage(), clock.instant());
			throw e;
		}
		Instant finished = clock.instant();
		ImportStore.Counts done = counts;
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			store.finish(tenantId, importId, ImportJob.Status.DONE, done, null, finished);
			events.publishEvent(new ContactsImported(tenantId, importId));
		});
		return new ImportSummary(importId, counts.rowsRead(), counts.accepted(), counts.rejected(), counts.created(),
				counts.updated(), counts.unchanged(), counts.activitiesAdded(), counts.suppressed(),
				prepared.layout().ignored(), Duration.between(started, finished));
	}

	private ImportStore.Counts write(ImportStore.Session session, TenantId tenant, String importId, Batch batch,
			ImportStore.Counts before) {
		int room = (int) Math.max(0, properties.importErrorLimit() - before.rejected());
		ImportStore writer = session.store();
		try {
			return session.transactions().execute(status -> {
				List<RowError> refused = new ArrayList<>();
				ImportStore.BatchOutcome outcome = writer.write(tenant, importId, batch.rows, clock.instant(), refused);
				List<RowError> errors = new ArrayList<>(batch.errors);
				errors.addAll(refused);
				writer.recordErrors(tenant, importId, errors, room);
				long rejected = rejectedRows(errors);
				ImportStore.Counts after = before.plus(batch.read, batch.rows.size() - rejectedRows(refused),
						rejected, outcome);
				writer.progress(tenant, importId, after);
				return after;
			});
		}
		catch (RuntimeException e) {
			log.warn("Import {}: a batch of {} rows was refused by the database ({}); writing it row by row", importId,
					batch.rows.size(), e.getMessage());
			return writeRowByRow(session, tenant, importId, batch, before, room);
		}
	}

	private ImportStore.Counts writeRowByRow(ImportStore.Session session, TenantId tenant, String importId, Batch batch,
			ImportStore.Counts before, int room) {
		ImportStore writer = session.store();
		TransactionTemplate transactions = session.transactions();
		ImportStore.Counts counts = before.plus(batch.read, 0, rejectedRows(batch.errors), ImportStore.BatchOutcome.NONE);
		List<RowError> errors = new ArrayList<>(batch.errors);
		for (ImportRow row : batch.rows) {
			List<RowError> refused = new ArrayList<>();
			try {
				ImportStore.BatchOutcome outcome = transactions
					.execute(status -> writer.write(tenant, importId, List.of(row), clock.instant(), refused));
				errors.addAll(refused);
				counts = counts.plus(0, refused.isEmpty() ? 1 : 0, refused.isEmpty() ? 0 : 1, outcome);
			}
			catch (RuntimeException e) {
				errors.add(new RowError(row.line(), "", "could not be written (" + e.getMessage() + ")"));
				counts = counts.plus(0, 0, 1, ImportStore.BatchOutcome.NONE);
			}
		}
		ImportStore.Counts after = counts;
		transactions.executeWithoutResult(status -> {
			writer.recordErrors(tenant, importId, errors, room);
			writer.progress(tenant, importId, after);
		});
		return after;
	}

	private static long rejectedRows(List<RowError> errors) {
		return errors.stream().mapToLong(RowError::line).distinct().count();
	}

	/** The reading thread: parses and normalises rows into batches until the end of the file. */
	private void produce(Prepared prepared, RowReader reader, AtomicLong bytes, BlockingQueue<Batch> queue) {
		int size = properties.importBatchSize();
		try (InputStream in = new CsvFile.CountingInputStream(Files.newInputStream(prepared.file()), bytes);
				CSVParser parser = CsvFile.open(in, prepared.layout())) {
			Iterator<CSVRecord> records = parser.iterator();
			records.next(); // the header
			List<ImportRow> rows = new ArrayList<>(size);
			List<RowError> errors = new ArrayList<>();
			long read = 0;
			while (records.hasNext()) {
				ImportRow row = reader.read(records.next(), errors);
				read++;
				if (row != null) {
					rows.add(row);
				}
				if (read == size) {
					queue.put(new Batch(rows, errors, read, false, null));
					rows = new ArrayList<>(size);
					errors = new ArrayList<>();
					read = 0;
				}
			}
			queue.put(new Batch(rows, errors, read, true, null));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException e) {
			RuntimeException failure = e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
			try {
				queue.put(new Batch(List.of(), List.of(), 0, true, failure));
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Rows read together; {@code read} counts the rejected ones too. */
	private record Batch(List<ImportRow> rows, List<RowError> errors, long read, boolean last, RuntimeException failure) {
	}
}
