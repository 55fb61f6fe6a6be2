package org.optinel.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

	private static final Logger log = LoggerFactory.getLogger(Database.class);

	private final DataSource dataSource;

	private volatile Vendor vendor;

	private final ExecutorService checkpoints = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "sqlite-checkpoint");
		t.setDaemon(true);
		return t;
	});

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
	 * 2 MB makes each insert at a random place in a large index read and spill pages). Its commits do
	 * not checkpoint: a page that every batch changes is copied into the database once, at the end,
	 * rather than after every commit, by a background thread once {@code work} returned (a passive
	 * checkpoint blocks no reader or writer, and the next small transaction does not pay for it).
	 * Its prepared statements are kept open and used again while {@code work} runs ({@link StatementCache}).
	 * The connection gets the defaults back, and its memory freed, before it returns to the pool.
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
			pragmas(connection, "PRAGMA cache_size = -" + cacheKib, "PRAGMA wal_autocheckpoint = 0");
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
			checkpoints.execute(this::checkpoint);
		}
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
		catch (SQLException e) {
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
