package org.optinel.messaging;

import org.optinel.core.TenantId;

/** Where providers' delivery receipts go: the outbox settles the message they name. */
public interface DeliveryReports {

	/**
	 * Records a receipt.
	 * @param tenant the tenant the provider's callback named; null when the receipt names none (SMPP)
	 */
	void record(TenantId tenant, DeliveryReport report);
}
