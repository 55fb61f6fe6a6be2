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

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * <p>Units of the same {@link Batch} that follow one another in the queue are run together, one
 * call for all of their items, so that the batch can write them with a few statements instead of a
 * few statements each. The call runs in one savepoint; if it fails, it is rolled back and each of
 * its items is run again alone, in a savepoint of its own, so that one bad item fails alone.
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

	/**
	 * While groups follow one another, the writer keeps one connection for them, at most this long:
	 * its page cache stays warm from group to group, and its commits leave the checkpoint to a
	 * background thread, which it asks for now and then and once it lets the connection go (see
	 * {@link Database#withPageCache}).
	 */
	static final long HOLD_NANOS = 1_000_000_000L;

	/**
	 * How long the writer waits for the next write before it lets its connection go. Under load the
	 * queue is empty now and then for a moment, between one group's answers and the requests they
	 * let through: letting the connection go then cost its prepared statements and its page cache,
	 * both built again for the next group.
	 */
	static final long GAP_NANOS = 2_000_000L;

	/** The SQLite page cache of the writer's connection while it holds one. */
	static final int WRITER_CACHE_KIB = 64 * 1024;

	private final Database database;

	/** Writes per committed group (a write that failed in its savepoint included): how well the commit is shared. */
	private final DistributionSummary groupSizes;

	/** How long a group's transaction takes, its commit (and fsync) included. */
	private final Timer commits;

	GroupCommit(PlatformTransactionManager transactions, Database database, MeterRegistry meters) {
		this.database = database;
		this.groupSizes = DistributionSummary.builder("optinel.group.commit.writes")
			.description("Writes run together in one committed group transaction")
			.baseUnit("writes")
			.register(meters);
		this.commits = Timer.builder("optinel.group.commit.duration")
			.description("Time of one committed group transaction, from its first write to the end of its commit")
			.register(meters);
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
		return run(new Unit<>(work));
	}

	private <T> T run(Unit<T> unit) {
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

	/**
	 * Runs {@code item} with the other items of {@code batch} queued beside it, in the next group
	 * transaction, and answers its result once that transaction has committed.
	 * @throws RuntimeException what {@code batch} threw for {@code item} run alone; nothing of it was committed
	 */
	public <T, R> R run(Batch<T, R> batch, T item) {
		return run(new Unit<>(batch, item));
	}

	/**
	 * Work done for many callers' items at once, on the writer thread, inside the group transaction.
	 * It answers one result per item, in the order of the items; it throws when any item fails, and
	 * is then called again for each item alone.
	 */
	@FunctionalInterface
	public interface Batch<T, R> {

		List<R> run(List<T> items);
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
			try {
				database.withPageCache(WRITER_CACHE_KIB, () -> {
					long until = System.nanoTime() + HOLD_NANOS;
					do {
						queue.drainTo(units, MAX_BATCH - units.size());
						writeGroup(units);
						units.clear();
						database.committed();
						Unit<?> next = System.nanoTime() < until ? nextWithin(GAP_NANOS) : null;
						if (next != null) {
							units.add(next);
						}
					}
					while (!units.isEmpty());
					return null;
				});
			}
			catch (RuntimeException | Error e) {
				// The connection could not be prepared or given back: the group is run on plain connections.
				log.warn("Group commit could not hold a connection ({}); writing without", e.toString());
				if (!units.isEmpty()) {
					writeGroup(units);
					units.clear();
				}
			}
		}
	}

	/** The next write, waiting for it at most {@code nanos}; null if none came or the writer is stopping. */
	private Unit<?> nextWithin(long nanos) {
		try {
			return queue.poll(nanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** One transaction for the units, each answered after its commit; if the commit fails, one each. */
	private void writeGroup(List<Unit<?>> units) {
		try {
			long start = System.nanoTime();
			batch.executeWithoutResult(status -> attempt(units));
			commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			groupSizes.record(units.size());
			units.forEach(Unit::complete);
		}
		catch (RuntimeException | Error commitFailed) {
			log.warn("A group of {} writes failed to commit ({}); running them one by one", units.size(),
					commitFailed.toString());
			units.forEach(unit -> unit.alone(batch));
		}
	}

	/** Runs the units in order, consecutive items of one batch together, each run in a savepoint. */
	private void attempt(List<Unit<?>> units) {
		int i = 0;
		while (i < units.size()) {
			Unit<?> first = units.get(i);
			int end = i + 1;
			if (first.batch != null) {
				while (end < units.size() && units.get(end).batch == first.batch) {
					end++;
				}
			}
			if (end - i == 1) {
				first.attempt(savepoint);
			}
			else {
				attemptTogether(units.subList(i, end));
			}
			i = end;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void attemptTogether(List<Unit<?>> together) {
		Batch batch = together.get(0).batch;
		List<Object> items = new ArrayList<>(together.size());
		together.forEach(unit -> items.add(unit.item));
		try {
			List<?> results = savepoint.execute(status -> batch.run(items));
			if (results == null || results.size() != together.size()) {
				throw new IllegalStateException("a batch answered " + (results == null ? "nothing" : results.size()
						+ " results") + " for " + together.size() + " items");
			}
			for (int i = 0; i < together.size(); i++) {
				((Unit) together.get(i)).value = results.get(i);
			}
		}
		catch (RuntimeException | Error failed) {
			// the savepoint is rolled back: find the items that fail by running each alone
			together.forEach(unit -> unit.attempt(savepoint));
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

		/** The batch this unit's item belongs to; {@code null} for a unit of its own. */
		final Batch<Object, T> batch;

		final Object item;

		final CompletableFuture<T> result = new CompletableFuture<>();

		T value;

		Throwable failure;

		Unit(Supplier<T> work) {
			this.work = work;
			this.batch = null;
			this.item = null;
		}

		@SuppressWarnings("unchecked")
		<I> Unit(Batch<I, T> batch, I item) {
			this.batch = (Batch<Object, T>) batch;
			this.item = item;
			this.work = () -> single(this.batch.run(List.of(this.item)));
		}

		private static <T> T single(List<T> results) {
			if (results == null || results.size() != 1) {
				throw new IllegalStateException("a batch of one item answered " + (results == null ? "nothing" : results.size()
						+ " results"));
			}
			return results.get(0);
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
