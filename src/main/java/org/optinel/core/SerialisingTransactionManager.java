package org.optinel.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The transaction manager. On SQLite, which has one writer at a time and whose transactions take
 * the write lock when they begin ({@code transaction_mode=IMMEDIATE}), it queues transactions in
 * the JVM, first come first served, before they ask SQLite. Without it, pooled connections contend
 * for the lock by sleeping and retrying in SQLite's busy handler: the lock sits idle between holders
 * and the unlucky wait long (a p99 of 0.8 s was measured with 16 clients). On PostgreSQL it is the
 * plain {@link JdbcTransactionManager}.
 *
 * <p>Work that writes through connections of its own (the CSV import's tuned connection) is not
 * queued here and still meets the others in SQLite's busy handler.
 */
class SerialisingTransactionManager extends JdbcTransactionManager {

	private final transient Database database;

	private final transient ReentrantLock writer = new ReentrantLock(true);

	/** Per thread, for each transaction begun and not yet cleaned up, whether it holds the lock. */
	private final transient ThreadLocal<Deque<Boolean>> held = ThreadLocal.withInitial(ArrayDeque::new);

	SerialisingTransactionManager(DataSource dataSource, Database database) {
		super(dataSource);
		this.database = database;
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		boolean queue = database.isSqlite();
		if (queue) {
			writer.lock();
		}
		try {
			super.doBegin(transaction, definition);
		}
		catch (RuntimeException | Error e) {
			if (queue) {
				writer.unlock();
			}
			throw e;
		}
		held.get().push(queue);
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		try {
			super.doCleanupAfterCompletion(transaction);
		}
		finally {
			Deque<Boolean> stack = held.get();
			if (!stack.isEmpty() && stack.pop()) {
				writer.unlock();
			}
			if (stack.isEmpty()) {
				held.remove();
			}
		}
	}
}
