package org.optinel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: small units of transactional work, submitted by many request threads, run one
 * after the other on a single writer thread inside one transaction, and are answered only after
 * that transaction commits. One commit (one fsync) then covers a whole batch instead of one
 * request. Each unit runs in a savepoint, so a unit that fails is rolled back alone and its caller
 * gets its exception; if the commit itself fails, the units are run again one transaction each.
 *
 * <p>A unit must not depend on the calling thread (request attributes, thread-locals) and must not
 * open a transaction of its own with {@code REQUIRES_NEW}: it runs on the writer thread.
 */
@Component
public class GroupCommit implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** Units per transaction at most: enough to amortise the commit, few enough to answer quickly. */
	static final int MAX_BATCH = 256;

	private final BlockingQueue<Unit<?>> queue = new ArrayBlockingQueue<>(16_384);

	private final TransactionTemplate batch;

	private final TransactionTemplate savepoint;

	private final Thread writer;

	private volatile boolean running = true;

	GroupCommit(PlatformTransactionManager transactions) {
		this.batch = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.writer = new Thread(this::write, "optinel-group-commit");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Runs {@code work} in the next group transaction and answers its result once that transaction
	 * has committed.
	 * @throws RuntimeException what {@code work} threw; nothing of it was committed
	 */
	public <T> T run(Supplier<T> work) {
		Unit<T> unit = new Unit<>(work);
		try {
			if (!queue.offer(unit, 5, TimeUnit.SECONDS)) {
				throw busy("the write queue is full");
			}
			return unit.result.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw busy("interrupted while waiting for the write");
		}
		catch (TimeoutException e) {
			throw busy("the write took more than 60 s");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	private void write() {
		List<Unit<?>> units = new ArrayList<>(MAX_BATCH);
		while (running) {
			try {
				units.add(queue.take());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			queue.drainTo(units, MAX_BATCH - 1);
			try {
				batch.executeWithoutResult(status -> units.forEach(unit -> unit.attempt(savepoint)));
				units.forEach(Unit::complete);
			}
			catch (RuntimeException | Error commitFailed) {
				log.warn("A group of {} writes failed to commit ({}); running them one by one", units.size(),
						commitFailed.toString());
				units.forEach(unit -> unit.alone(batch));
			}
			units.clear();
		}
	}

	private static OptinelException busy(String why) {
		return new OptinelException(ProblemKind.UNAVAILABLE, "busy", "Service busy",
				"The write could not be done now (" + why + "); retry in a moment.");
	}

	@Override
	public void destroy() {
		running = false;
		writer.interrupt();
	}

	/** One caller's work and its outcome. */
	private static final class Unit<T> {

		final Supplier<T> work;

		final CompletableFuture<T> result = new CompletableFuture<>();

		T value;

		Throwable failure;

		Unit(Supplier<T> work) {
			this.work = work;
		}

		void attempt(TransactionTemplate savepoint) {
			try {
				value = savepoint.execute(status -> work.get());
			}
			catch (RuntimeException | Error e) {
				failure = e;
			}
		}

		void complete() {
			if (failure != null) {
				result.completeExceptionally(failure);
			}
			else {
				result.complete(value);
			}
		}

		void alone(TransactionTemplate transaction) {
			if (failure != null) {
				result.completeExceptionally(failure);
				return;
			}
			try {
				result.complete(transaction.execute(status -> work.get()));
			}
			catch (RuntimeException | Error e) {
				result.completeExceptionally(e);
			}
		}
	}
}
