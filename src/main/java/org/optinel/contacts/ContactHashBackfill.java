package org.optinel.contacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, before the service answers, fills the keyed phone and email hashes of contacts
 * stored before the hashes existed, one transaction per batch, so that screening against the
 * suppression list sees every contact. Costs one query when there is nothing to fill.
 */
@Component
class ContactHashBackfill implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ContactHashBackfill.class);

	private final Contacts contacts;

	private final TransactionTemplate transactions;

	ContactHashBackfill(Contacts contacts, PlatformTransactionManager transactions) {
		this.contacts = contacts;
		this.transactions = new TransactionTemplate(transactions);
	}

	@Override
	public void afterSingletonsInstantiated() {
		long filled = run();
		if (filled > 0) {
			log.info("Filled the phone and email hashes of {} contacts stored before they existed", filled);
		}
	}

	/** Fills every missing hash; answers how many contacts it filled. */
	long run() {
		long filled = 0;
		while (true) {
			Integer batch = transactions.execute(status -> contacts.fillMissingHashes());
			if (batch == null || batch == 0) {
				return filled;
			}
			filled += batch;
		}
	}
}
