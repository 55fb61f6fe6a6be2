package org.optinel.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;

/**
 * How SQLite transactions begin. sqlite-jdbc begins one as soon as a connection leaves auto-commit,
 * and again right after each commit or rollback, in the mode of the connection's configuration.
 * {@code IMMEDIATE} takes the write lock at once: a transaction that writes needs it (a
 * {@code DEFERRED} one that read first fails with {@code SQLITE_BUSY} when another writer committed
 * in between), one that only reads must not hold it. Connections are left {@code DEFERRED}, so that
 * the transaction sqlite-jdbc opens after a commit, until the connection returns to the pool,
 * holds nothing.
 */
public final class SqliteTransactions {

	private SqliteTransactions() {
	}

	/**
	 * Makes the transaction the connection has just begun {@code IMMEDIATE} when {@code write}, else
	 * {@code DEFERRED}, restarting it if it began in the other mode; nothing has run in it yet.
	 * @throws SQLException when the write lock was not free within the busy timeout; the connection
	 *         is then in a {@code DEFERRED} transaction, as sqlite-jdbc expects while auto-commit is off
	 */
	static void restart(Connection connection, boolean write) throws SQLException {
		SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
		TransactionMode wanted = write ? TransactionMode.IMMEDIATE : TransactionMode.DEFERRED;
		if (sqlite.getCurrentTransactionMode() != wanted) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("COMMIT");
				try {
					statement.execute(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
				}
				catch (SQLException busy) {
					// sqlite-jdbc holds a transaction open while auto-commit is off: without one, the
					// connection's next commit would fail long after this (a pooled connection's, at random).
					statement.execute("BEGIN DEFERRED");
					sqlite.setCurrentTransactionMode(TransactionMode.DEFERRED);
					throw busy;
				}
			}
			sqlite.setCurrentTransactionMode(wanted);
		}
		sqlite.getConnectionConfig().setTransactionMode(TransactionMode.DEFERRED);
	}

	/**
	 * For a connection that writes on its own, outside the transaction manager's queue: its
	 * transactions begin {@code IMMEDIATE} when {@code immediate}, {@code DEFERRED} otherwise (as
	 * pooled connections must be when they go back).
	 */
	public static void beginImmediate(Connection connection, boolean immediate) throws SQLException {
		connection.unwrap(SQLiteConnection.class)
			.getConnectionConfig()
			.setTransactionMode(immediate ? TransactionMode.IMMEDIATE : TransactionMode.DEFERRED);
	}
}
