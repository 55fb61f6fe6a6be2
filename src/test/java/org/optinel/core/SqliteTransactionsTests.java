package org.optinel.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writing transaction that cannot get SQLite's write lock in time fails alone: its connection
 * goes back to the pool able to run the next transaction. (When {@code BEGIN IMMEDIATE} timed out
 * behind a long import, the connection was left without a transaction while sqlite-jdbc believed it
 * had one, and every later commit on it failed with "no transaction is active".)
 */
class SqliteTransactionsTests {

	@TempDir
	Path dir;

	@Test
	void aWriterThatTimesOutBehindAnotherLeavesItsConnectionUsable() throws SQLException {
		try (Connection holder = connect("t.db"); Connection waiter = connect("t.db")) {
			execute(holder, "CREATE TABLE probe (id INTEGER PRIMARY KEY)");
			execute(holder, "BEGIN IMMEDIATE");
			execute(holder, "INSERT INTO probe (id) VALUES (1)");

			// As the transaction manager does: leave auto-commit (a DEFERRED begin), then ask for the lock.
			waiter.setAutoCommit(false);
			assertThatThrownBy(() -> SqliteTransactions.restart(waiter, true)).isInstanceOf(SQLException.class)
				.hasMessageContaining("SQLITE_BUSY");
			// What the pool does with a connection whose transaction could not begin.
			waiter.rollback();
			waiter.setAutoCommit(true);

			execute(holder, "COMMIT");
			waiter.setAutoCommit(false);
			SqliteTransactions.restart(waiter, true);
			execute(waiter, "INSERT INTO probe (id) VALUES (2)");
			waiter.commit();
			waiter.setAutoCommit(true);
			try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe")) {
				rs.next();
				assertThat(rs.getInt(1)).as("rows committed by the holder and then by the waiter").isEqualTo(2);
			}
		}
	}

	@Test
	void aReadOnlyTransactionStaysDeferredAndTakesNoLock() throws SQLException {
		try (Connection holder = connect("r.db"); Connection reader = connect("r.db")) {
			execute(holder, "CREATE TABLE probe (id INTEGER PRIMARY KEY)");
			execute(holder, "BEGIN IMMEDIATE");
			reader.setAutoCommit(false);
			SqliteTransactions.restart(reader, false);
			try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe")) {
				rs.next();
				assertThat(rs.getInt(1)).isZero();
			}
			reader.commit();
			execute(holder, "COMMIT");
		}
	}

	/** A connection as the pool's, but with a busy timeout of 200 ms. */
	private Connection connect(String file) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:sqlite:" + dir.resolve(file) + "?journal_mode=WAL&busy_timeout=200&transaction_mode=DEFERRED");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute(sql);
		}
	}
}
