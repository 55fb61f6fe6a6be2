package org.optinel.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.optinel.contacts.importing.ImportRunner;
import org.optinel.contacts.importing.ImportStore;
import org.optinel.contacts.importing.RowError;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Imports CSV files of contacts and their activities: at once for the command line, or as a
 * background job for the API, one job at a time. Uploaded files wait in
 * {@code optinel.contacts.import-dir} until their job ends; jobs that a stop interrupted are run
 * again at the next start (imports are idempotent).
 */
@Service
public class ContactImporter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

	private final ImportRunner runner;

	private final ImportStore store;

	private final ContactsProperties properties;

	private final Clock clock;

	private final ExecutorService jobs = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "optinel-import");
		thread.setDaemon(true);
		return thread;
	});

	ContactImporter(ImportRunner runner, ImportStore store, ContactsProperties properties, Clock clock) {
		this.runner = runner;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Imports {@code file} into the tenant's base and returns when it is done.
	 * @throws org.optinel.core.OptinelException when the file cannot be imported at all; nothing is written then
	 */
	public ImportSummary importContacts(TenantId tenant, Path file, ImportSource source, ImportProgress progress) {
		return runner.run(runner.prepare(tenant, file, source), progress);
	}

	/**
	 * Checks an uploaded file and queues its import. The content is copied first, so the caller may
	 * discard its stream afterwards.
	 * @throws org.optinel.core.OptinelException when the file cannot be imported at all; nothing is queued then
	 */
	public ImportJob submit(TenantId tenant, InputStream content, ImportSource source) {
		Path file = store(content);
		ImportRunner.Prepared prepared;
		try {
			prepared = runner.prepare(tenant, file, source);
		}
		catch (RuntimeException e) {
			delete(file);
			throw e;
		}
		Path named = rename(file, prepared.importId());
		ImportRunner.Prepared queued = new ImportRunner.Prepared(tenant, prepared.importId(), named, source,
				prepared.layout());
		jobs.execute(() -> runAndDelete(queued));
		return job(tenant, prepared.importId());
	}

	public ImportJob job(TenantId tenant, String importId) {
		return store.find(tenant, importId).orElseThrow(() -> new NotFoundException("import", importId));
	}

	/** The kept errors of an import in line order: line, column ({@code ""} for the whole row), reason. */
	public void errors(TenantId tenant, String importId, Consumer<RowError> sink) {
		job(tenant, importId);
		store.errors(tenant, importId, sink);
	}

	@EventListener(ApplicationReadyEvent.class)
	void resumeInterruptedImports() {
		for (ImportStore.Unfinished unfinished : store.unfinished()) {
			Path file = properties.importDir().resolve(unfinished.importId() + ".csv");
			if (!Files.exists(file)) {
				store.finish(unfinished.tenant(), unfinished.importId(), ImportJob.Status.FAILED, ImportStore.Counts.ZERO,
						"interrupted by a stop, and its file is gone; upload it again", clock.instant());
				continue;
			}
			log.info("Resuming import {} interrupted by a stop", unfinished.importId());
			jobs.execute(() -> runAndDelete(runner.resume(unfinished.tenant(), unfinished.importId(), file,
					unfinished.source())));
		}
	}

	private void runAndDelete(ImportRunner.Prepared prepared) {
		try {
			ImportSummary summary = runner.run(prepared, ImportProgress.NONE);
			log.info("Import {}: {} rows, {} accepted, {} rejected in {} ms", summary.importId(), summary.rowsRead(),
					summary.accepted(), summary.rejected(), summary.took().toMillis());
		}
		catch (RuntimeException e) {
			// already recorded as FAILED with its reason by the runner
		}
		finally {
			delete(prepared.file());
		}
	}

	private Path store(InputStream content) {
		try {
			Files.createDirectories(properties.importDir());
			Path file = Files.createTempFile(properties.importDir(), "upload-", ".csv");
			Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot store the uploaded file in " + properties.importDir(), e);
		}
	}

	private static Path rename(Path file, String importId) {
		try {
			return Files.move(file, file.resolveSibling(importId + ".csv"), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			log.warn("Could not delete the import file {}", file, e);
		}
	}

	@Override
	public void destroy() {
		jobs.shutdownNow();
	}
}
