package org.optinel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many callers share one transaction; a failing unit is rolled back alone. Runs on SQLite and PostgreSQL. */
abstract class GroupCommitIntegrationTests {

	@Autowired
	GroupCommit groupCommit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void probeTable() {
		jdbc.sql("CREATE TABLE IF NOT EXISTS group_commit_probe (id INTEGER NOT NULL PRIMARY KEY)").update();
		jdbc.sql("DELETE FROM group_commit_probe").update();
	}

	@Test
	void everyCallerGetsItsOwnOutcomeAndOnlyTheFailedUnitIsRolledBack() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(32);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int id = i;
			results.add(callers.submit(() -> groupCommit.run(() -> {
				jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (?)").param(id).update();
				if (id % 50 == 13) {
					throw new IllegalStateException("unit " + id + " fails after writing");
				}
				return id;
			})));
		}
		int failed = 0;
		for (int i = 0; i < results.size(); i++) {
			if (i % 50 == 13) {
				int unit = i;
				assertThatThrownBy(() -> results.get(unit).get()).hasRootCauseMessage("unit " + unit + " fails after writing");
				failed++;
			}
			else {
				assertThat(results.get(i).get()).isEqualTo(i);
			}
		}
		callers.shutdown();

		List<Integer> stored = jdbc.sql("SELECT id FROM group_commit_probe ORDER BY id").query(Integer.class).list();
		assertThat(stored).hasSize(200 - failed).doesNotContain(13, 63, 113, 163);
	}

	@Test
	void aUnitThatBreaksAConstraintFailsAloneAndTheOthersCommit() {
		groupCommit.run(() -> jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (1)").update());

		assertThatThrownBy(() -> groupCommit.run(() -> jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (1)").update()))
			.isInstanceOf(RuntimeException.class);
		groupCommit.run(() -> jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (2)").update());

		assertThat(jdbc.sql("SELECT count(*) FROM group_commit_probe").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void itemsOfOneBatchAreRunTogetherAndABadItemFailsAloneAfterTheBatchIsRetriedItemByItem() throws Exception {
		List<List<Integer>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
		GroupCommit.Batch<Integer, String> insertAll = items -> {
			calls.add(List.copyOf(items));
			for (int id : items) {
				jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (?)").param(id).update();
				if (id == 77) {
					throw new IllegalStateException("item 77 fails after writing");
				}
			}
			return items.stream().map(id -> "done " + id).toList();
		};
		ExecutorService callers = Executors.newFixedThreadPool(32);
		// hold the writer so that the items queue up behind it
		CountDownLatch release = new CountDownLatch(1);
		Future<Boolean> holder = holdTheWriter(callers, release);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			int id = i;
			results.add(callers.submit(() -> groupCommit.run(insertAll, id)));
		}
		Thread.sleep(500);
		release.countDown();
		assertThat(holder.get()).isTrue();
		for (int i = 0; i < results.size(); i++) {
			if (i == 77) {
				assertThatThrownBy(() -> results.get(77).get()).hasRootCauseMessage("item 77 fails after writing");
			}
			else {
				assertThat(results.get(i).get()).isEqualTo("done " + i);
			}
		}
		callers.shutdown();

		List<Integer> stored = jdbc.sql("SELECT id FROM group_commit_probe ORDER BY id").query(Integer.class).list();
		assertThat(stored).hasSize(299).doesNotContain(77);
		// 300 callers from 32 threads: some calls carried several items (a call per item would prove nothing)
		assertThat(calls).anySatisfy(items -> assertThat(items.size()).isGreaterThan(1));
		assertThat(calls).anySatisfy(items -> assertThat(items).containsExactly(77));
	}

	@Test
	void theMetricsCountEachGroupAndTheWritesItCommitted() throws Exception {
		DistributionSummary writes = meters.get("optinel.group.commit.writes").summary();
		Timer commits = meters.get("optinel.group.commit.duration").timer();
		long groupsBefore = writes.count();
		double writesBefore = writes.totalAmount();
		long commitsBefore = commits.count();
		ExecutorService callers = Executors.newFixedThreadPool(21);
		// hold the writer so that the next twenty writes queue up behind it and commit together
		CountDownLatch release = new CountDownLatch(1);
		Future<Boolean> holder = holdTheWriter(callers, release);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			int id = i;
			results.add(callers.submit(() -> groupCommit.run(() -> jdbc.sql("INSERT INTO group_commit_probe (id) VALUES (?)")
				.param(id)
				.update())));
		}
		Thread.sleep(500);
		release.countDown();
		assertThat(holder.get()).isTrue();
		for (Future<Integer> result : results) {
			assertThat(result.get()).isEqualTo(1);
		}
		callers.shutdown();

		long groups = writes.count() - groupsBefore;
		assertThat(writes.totalAmount() - writesBefore).isEqualTo(21);
		assertThat(groups).isBetween(2L, 3L);
		assertThat(commits.count() - commitsBefore).isEqualTo(groups);
		// the holder alone, then the twenty queued behind it in one group (two, should the writer wake between them)
		assertThat(writes.max()).isGreaterThanOrEqualTo(10);
	}

	/** A write that keeps the writer busy until {@code release}; answers once it has the writer. */
	private Future<Boolean> holdTheWriter(ExecutorService callers, CountDownLatch release) throws InterruptedException {
		Future<Boolean> holder = callers.submit(() -> groupCommit.run(() -> {
			try {
				return release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}));
		Thread.sleep(200);
		return holder;
	}
}
