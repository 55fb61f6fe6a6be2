package org.optinel.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.optinel.consent.ConsentGiven;
import org.optinel.consent.ConsentWithdrawn;
import org.optinel.contacts.ContactChanged;
import org.optinel.contacts.ContactErased;
import org.optinel.contacts.ContactsImported;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionAdded;
import org.optinel.suppression.SuppressionLifted;
import org.optinel.suppression.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the {@link EligibilityIndex} in step with the suppression list, the consent ledger and the
 * contacts. Listeners run synchronously inside the publishing transaction: what denies (a
 * suppression, a withdrawal) is applied before the commit; what the transaction's outcome decides
 * is read again from the database once it completed, committed or rolled back.
 */
@Component
class EligibilityEvents {

	private static final Logger log = LoggerFactory.getLogger(EligibilityEvents.class);

	private final EligibilityIndex index;

	EligibilityEvents(EligibilityIndex index) {
		this.index = index;
	}

	@EventListener
	void on(SuppressionAdded e) {
		index.suppressionAdded(e.tenant(), e.identifierHash(), e.scopeOrNullForAll(),
				e.reason() == SuppressionReason.SMS_STOP);
		afterCompletion(committed -> {
			if (!committed) {
				index.suppressionSettled(e.tenant(), e.identifierHash());
			}
		});
	}

	@EventListener
	void on(SuppressionLifted e) {
		afterCompletion(committed -> index.suppressionSettled(e.tenant(), e.identifierHash()));
	}

	@EventListener
	void on(ConsentWithdrawn e) {
		index.withdrawn(e.tenant(), e.contact().value(), e.channel(), e.purpose(), e.occurredAt());
		afterCompletion(committed -> index.withdrawalSettled(e.tenant(), e.contact().value(), e.channel(), e.purpose()));
	}

	@EventListener
	void on(ConsentGiven e) {
		afterCompletion(committed -> index.consentChanged(e.tenant(), e.contact().value()));
	}

	@EventListener
	void on(ContactChanged e) {
		changedAfterCompletion(e.tenant(), e.contact().value());
	}

	/**
	 * Inside the erasing transaction: the contact is no longer decided from memory, so its id is
	 * answered from SQL (a 404, or NO_LEGAL_BASIS in a batch). Read again once the transaction
	 * completed: committed, it is found no more and stays forgotten; rolled back, it is held again.
	 */
	@EventListener
	void on(ContactErased e) {
		index.erased(e.tenant(), e.contact().value());
		changedAfterCompletion(e.tenant(), e.contact().value());
	}

	@EventListener
	void on(ContactsImported e) {
		afterCompletion(committed -> {
			if (committed) {
				index.imported(e.tenant());
			}
		});
	}

	private void changedAfterCompletion(TenantId tenant, String contactId) {
		afterCompletion(committed -> index.changed(tenant, contactId));
	}

	/**
	 * Runs {@code action} once the current transaction completed, with whether it committed; at once
	 * without one. A transaction's actions share one synchronization, in the order they were asked
	 * for: a bulk append of 5,000 answers registered 5,000, and Spring sorts every registered
	 * synchronization each time it calls them.
	 */
	static void afterCompletion(Consumer<Boolean> action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.accept(true);
			return;
		}
		AfterCompletion pending = (AfterCompletion) TransactionSynchronizationManager.getResource(AfterCompletion.class);
		if (pending == null) {
			pending = new AfterCompletion();
			TransactionSynchronizationManager.bindResource(AfterCompletion.class, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.actions.add(action);
	}

	/**
	 * The actions of one transaction, bound to it while it runs: unbound while it is suspended (an
	 * inner transaction has its own), and when it completes.
	 */
	private static final class AfterCompletion implements TransactionSynchronization {

		final List<Consumer<Boolean>> actions = new ArrayList<>();

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(AfterCompletion.class);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(AfterCompletion.class, this);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(AfterCompletion.class);
			for (Consumer<Boolean> action : actions) {
				try {
					action.accept(status == STATUS_COMMITTED);
				}
				catch (RuntimeException e) {
					// As Spring does for each synchronization: the others still run.
					log.error("An eligibility update after a transaction failed", e);
				}
			}
		}
	}
}
