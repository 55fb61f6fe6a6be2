package org.optinel.messaging.outbox;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.locks.ReentrantLock;

import org.optinel.consent.ConsentWithdrawn;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionAdded;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes "no message leaves after an opt-out is committed" hold exactly, not just nearly.
 * <p>
 * The dispatcher takes the decision right before a message leaves. Without more, a STOP could commit
 * between that decision and the submission. So both sides take the same lock: the dispatcher holds
 * the recipient's locks from its decision until the provider has answered the submission; a
 * transaction that suppresses an identifier or records a withdrawal takes the locks of what it
 * touched just before it commits and keeps them until it has completed. Either the submission
 * finished before the commit began, or the decision was taken after the commit and saw it.
 * <p>
 * Locks are striped by (tenant, key), where a key is an identifier hash (suppressions) or a contact
 * id (withdrawals); both sides take their stripes in ascending order, so they cannot deadlock. The
 * dispatcher must not wait for a database transaction while it holds stripes, and never does: its
 * decision reads without a transaction and its bookkeeping happens after it released them.
 * <p>
 * The locks live in this JVM: with several nodes sending, the guarantee holds per node, and a
 * suppression committed on another node is seen by the next decision after that node's index or the
 * database has it (see README).
 */
@Component
public class RecipientGuard {

	static final int STRIPES = 4096;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	public RecipientGuard() {
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	/** The stripe of one key of a tenant. */
	static int stripe(TenantId tenant, String key) {
		int h = tenant.value().hashCode() * 31 + key.hashCode();
		h ^= (h >>> 16);
		return Math.floorMod(h * 0x9E3779B1, STRIPES);
	}

	/** The sorted, distinct stripes of a message's recipient: its identifier hash and its contact. */
	int[] stripesOf(TenantId tenant, String recipientHash, String contactId) {
		int a = stripe(tenant, recipientHash);
		if (contactId == null) {
			return new int[] { a };
		}
		int b = stripe(tenant, contactId);
		return a == b ? new int[] { a } : new int[] { Math.min(a, b), Math.max(a, b) };
	}

	/** Takes the stripes, in the ascending order given. */
	void lock(int[] held) {
		for (int i : held) {
			stripes[i].lock();
		}
	}

	void unlock(int[] held) {
		for (int j = held.length - 1; j >= 0; j--) {
			stripes[held[j]].unlock();
		}
	}

	@EventListener
	void on(SuppressionAdded e) {
		guardCommit(stripe(e.tenant(), e.identifierHash()));
	}

	@EventListener
	void on(ConsentWithdrawn e) {
		guardCommit(stripe(e.tenant(), e.contact().value()));
	}

	/**
	 * Registers the stripe with the current transaction, which takes all its stripes just before it
	 * commits. Outside a transaction the change is already committed: waiting for the submissions in
	 * flight is all that is left to do.
	 */
	private void guardCommit(int stripe) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			lock(new int[] { stripe });
			unlock(new int[] { stripe });
			return;
		}
		CommitGuard guard = (CommitGuard) TransactionSynchronizationManager.getResource(this);
		if (guard == null) {
			guard = new CommitGuard();
			TransactionSynchronizationManager.bindResource(this, guard);
			TransactionSynchronizationManager.registerSynchronization(guard);
		}
		guard.wanted.set(stripe);
	}

	/** The stripes one transaction touched, taken before its commit and given back after it. */
	private final class CommitGuard implements TransactionSynchronization {

		final BitSet wanted = new BitSet(STRIPES);

		int[] held = new int[0];

		@Override
		public void beforeCompletion() {
			// Runs after beforeCommit of every synchronization, right before the commit (or rollback).
			held = wanted.stream().toArray();
			lock(held);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(RecipientGuard.this);
			unlock(held);
			held = new int[0];
		}

		@Override
		public String toString() {
			return "CommitGuard" + Arrays.toString(held);
		}
	}
}
