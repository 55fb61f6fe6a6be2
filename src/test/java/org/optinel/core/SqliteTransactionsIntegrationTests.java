package org.optinel.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.OnSqlite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On SQLite, writing transactions queue for the one write lock and take it when they begin; read-only
 * ones read a snapshot beside the writer instead of waiting for it.
 */
@OnSqlite
class SqliteTransactionsIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void probeTable() {
		jdbc.sql("CREATE TABLE IF NOT EXISTS transaction_probe (id INTEGER NOT NULL PRIMARY KEY)").update();
		jdbc.sql("DELETE FROM transaction_probe").update();
	}

	@Test
	void aReadOnlyTransactionReadsTheLastCommitWhileAWriterHoldsTheLock() throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(() -> {
			jdbc.sql("INSERT INTO transaction_probe (id) VALUES (1)").update();
			written.countDown();
			await(release);
		}));
		assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> readOnly
			.execute(status -> jdbc.sql("SELECT COUNT(*) FROM transaction_probe").query(Integer.class).single()));

		// Before the change the reader queued behind the writer and this timed out.
		assertThat(reader.get(10, TimeUnit.SECONDS)).as("rows the reader saw, the insert not being committed").isZero();
		release.countDown();
		writer.get(10, TimeUnit.SECONDS);
		Integer after = readOnly
			.execute(status -> jdbc.sql("SELECT COUNT(*) FROM transaction_probe").query(Integer.class).single());
		assertThat(after).isEqualTo(1);
	}

	@Test
	void aSecondWriterWaitsForTheFirstToCommitAndThenSeesItsRows() throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> write(() -> {
			jdbc.sql("INSERT INTO transaction_probe (id) VALUES (1)").update();
			written.countDown();
			await(release);
		}));
		assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

		// Reads first, then writes what it read plus one: only correct if it began after the first committed.
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> write(() -> {
			int count = jdbc.sql("SELECT COUNT(*) FROM transaction_probe").query(Integer.class).single();
			jdbc.sql("INSERT INTO transaction_probe (id) VALUES (?)").param(count + 1).update();
		}));
		Thread.sleep(200);
		assertThat(second).as("the second writer waits for the lock").isNotDone();
		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		second.get(10, TimeUnit.SECONDS);

		assertThat(jdbc.sql("SELECT id FROM transaction_probe ORDER BY id").query(Integer.class).list()).containsExactly(1, 2);
	}

	private void write(Runnable work) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
