package org.optinel.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Which database Optinel runs on, for the few places where SQLite and PostgreSQL must differ. */
@Component
public class Database implements DisposableBean {

	/** The supported databases. */
	public enum Vendor {
		SQLITE, POSTGRESQL
	}

	/** Prepared statements kept open per held connection (see {@link StatementCache}). */
	static final int HELD_STATEMENTS = 64;

	/** SQLite's default page cache, which pooled connections keep. */
	private static final int SQLITE_DEFAULT_CACHE_KIB = 2000;

	/**
	 * The write-ahead log a held connection lets grow, in pages (64 MiB at SQLite's 4 KiB pages),
	 * before its own commit checkpoints (see {@link #withPageCache}).
	 */
	static final int HELD_LOG_PAGES = 16_384;

	/** While a connection is held, a background checkpoint is asked for at most this often (see {@link #committed}). */
	static final long CHECKPOINT_INTERVAL_NANOS = 1_000_000_000L;

	private static final Logger log = LoggerFactory.getLogger(Database.class);

	private final DataSource dataSource;

	private volatile Vendor vendor;

	private final ExecutorService checkpoints = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "sqlite-checkpoint");
		t.setDaemon(true);
		return t;
	});

	/** Checkpoints asked for since the background thread last started one; 0 when none is waiting or running. */
	private final AtomicInteger checkpointRequests = new AtomicInteger();

	/** When {@link #committed} last asked for a checkpoint, in {@link System#nanoTime} (the writer's thread only). */
	private volatile long lastAsked = System.nanoTime();

	/** Set when a background checkpoint ends; a writer's {@link #committed} then copies what it left. */
	private final AtomicBoolean backgroundCheckpointed = new AtomicBoolean();

	private volatile int heldLogPages = HELD_LOG_PAGES;

	Database(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public Vendor vendor() {
		Vendor known = vendor;
		if (known == null) {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
				known = product.contains("sqlite") ? Vendor.SQLITE : Vendor.POSTGRESQL;
				vendor = known;
			}
			catch (SQLException e) {
				throw new IllegalStateException("Cannot read the database product name", e);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		}
		return known;
	}

	public boolean isSqlite() {
		return vendor() == Vendor.SQLITE;
	}

	/**
	 * Runs {@code work} on this thread with one pooled connection whose SQLite page cache holds
	 * {@code cacheKib} KiB: every transaction and statement of {@code work} uses that connection, so
	 * the index pages a bulk write touches batch after batch stay in its cache (SQLite's default
	 * 2 MB makes each insert at a random place in a large index read and spill pages). Its prepared
	 * statements are kept open and used again while {@code work} runs ({@link StatementCache}).
	 *
	 * <p>Its commits leave the checkpoint to a background thread (a passive checkpoint blocks no
	 * reader or writer): once {@code work} returns, and now and then while it runs if it calls
	 * {@link #committed} between its transactions. A page that commit after commit changes is then
	 * copied into the database once per checkpoint rather than once per commit. But the log only
	 * starts again from its beginning when a transaction begins with every page of it copied, which
	 * a checkpoint beside a writer that never pauses never achieves. So a writer that calls
	 * {@link #committed} copies, once a background checkpoint has ended, the few pages committed
	 * while it ran; and in any case, once the log holds {@link #HELD_LOG_PAGES} pages, the
	 * connection's own commit copies what the background has not. The next transaction then writes
	 * the log from its start again. Without that, the log grew for as long as writes followed one
	 * another (2 GB after 3 million consent events in bulk), each commit appended to a growing file,
	 * and a crash left all of it to recover.
	 *
	 * <p>The connection gets the defaults back, and its memory freed, before it returns to the pool.
	 * Transactions are queued and committed as usual. On PostgreSQL, or inside a transaction,
	 * {@code work} simply runs.
	 */
	public <T> T withPageCache(int cacheKib, Supplier<T> work) {
		if (!isSqlite() || TransactionSynchronizationManager.hasResource(dataSource)) {
			return work.get();
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		StatementCache statements = StatementCache.over(connection, HELD_STATEMENTS);
		try {
			pragmas(connection, "PRAGMA cache_size = -" + cacheKib, "PRAGMA wal_autocheckpoint = " + heldLogPages);
			TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(statements.connection()));
			try {
				return work.get();
			}
			finally {
				TransactionSynchronizationManager.unbindResource(dataSource);
				closeQuietly(statements);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot set the page cache of a connection", e);
		}
		finally {
			try {
				pragmas(connection, "PRAGMA wal_autocheckpoint = 1000", "PRAGMA cache_size = -" + SQLITE_DEFAULT_CACHE_KIB,
						"PRAGMA shrink_memory");
			}
			catch (SQLException e) {
				log.warn("Could not restore the page cache of a connection", e);
			}
			DataSourceUtils.releaseConnection(connection, dataSource);
			askForCheckpoint();
		}
	}

	/**
	 * Called by a writer between the transactions of a connection held by {@link #withPageCache}.
	 * Asks the background thread for a checkpoint, at most every {@link #CHECKPOINT_INTERVAL_NANOS};
	 * once one has ended, copies on the held connection what was committed while it ran, a few
	 * pages, so that the next transaction writes the log from its start again. The connection's own
	 * checkpoint at {@link #HELD_LOG_PAGES} would copy all that the background had not, and keep the
	 * writer waiting the longer.
	 */
	public void committed() {
		if (!isSqlite()) {
			return;
		}
		long now = System.nanoTime();
		if (backgroundCheckpointed.compareAndSet(true, false)) {
			Connection held = DataSourceUtils.getConnection(dataSource);
			try {
				pragmas(held, "PRAGMA wal_checkpoint(PASSIVE)");
			}
			catch (SQLException e) {
				log.debug("A writer's checkpoint did not run", e);
			}
			finally {
				DataSourceUtils.releaseConnection(held, dataSource);
			}
			// The log is copied in full: the next background checkpoint is due an interval from now.
			lastAsked = now;
		}
		else if (now - lastAsked >= CHECKPOINT_INTERVAL_NANOS) {
			lastAsked = now;
			askForCheckpoint();
		}
	}

	/** Asks for a background checkpoint; asks made while one runs make one more run after it, not one each. */
	private void askForCheckpoint() {
		if (checkpointRequests.getAndIncrement() == 0) {
			try {
				checkpoints.execute(this::checkpointWhileAsked);
			}
			catch (RejectedExecutionException shuttingDown) {
				checkpointRequests.set(0);
			}
		}
	}

	private void checkpointWhileAsked() {
		int asked;
		do {
			asked = checkpointRequests.get();
			checkpoint();
			backgroundCheckpointed.set(true);
		}
		while (!checkpointRequests.compareAndSet(asked, 0));
	}

	/** Whether a background checkpoint has ended since a writer last copied what it left (for tests). */
	boolean backgroundCheckpointed() {
		return backgroundCheckpointed.get();
	}

	/** Whether no background checkpoint runs or waits to run (for tests). */
	boolean backgroundCheckpointsIdle() {
		return checkpointRequests.get() == 0;
	}

	/** Lowers {@link #HELD_LOG_PAGES} for a test; answers the previous value. */
	int heldLogPages(int pages) {
		int previous = heldLogPages;
		heldLogPages = pages;
		return previous;
	}

	private static void closeQuietly(StatementCache statements) {
		try {
			statements.closeAll();
		}
		catch (SQLException e) {
			log.warn("Could not close the statements kept for a held connection", e);
		}
	}

	/** Copies the write-ahead log into the database, without waiting for readers or writers. */
	private void checkpoint() {
		try (Connection connection = dataSource.getConnection()) {
			pragmas(connection, "PRAGMA wal_checkpoint(PASSIVE)");
		}
		catch (SQLException | RuntimeException e) {
			// The next commit past SQLite's threshold checkpoints anyway.
			log.debug("Background checkpoint did not run", e);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		checkpoints.shutdown();
		if (!checkpoints.awaitTermination(1, TimeUnit.MINUTES)) {
			log.warn("A background checkpoint was still running at shutdown");
		}
	}

	private static void pragmas(Connection connection, String... pragmas) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String pragma : pragmas) {
				statement.execute(pragma);
			}
		}
	}
}
