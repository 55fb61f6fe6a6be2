package org.optinel.eligibility;

import org.optinel.consent.ConsentGiven;
import org.optinel.consent.ConsentWithdrawn;
import org.optinel.contacts.ContactChanged;
import org.optinel.contacts.ContactErased;
import org.optinel.contacts.ContactsImported;
import org.optinel.core.TenantId;
import org.optinel.suppression.SuppressionAdded;
import org.optinel.suppression.SuppressionLifted;
import org.optinel.suppression.SuppressionReason;

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

	private static void afterCompletion(java.util.function.Consumer<Boolean> action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.accept(true);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				action.accept(status == STATUS_COMMITTED);
			}
		});
	}
}
