package org.optinel.messaging;

import org.optinel.core.TenantId;

/**
 * Where providers' delivery reports go, whichever way they arrive (an SMPP receipt, a provider's
 * status callback). The outbox settles the message the report names; a report for an id it does
 * not know, or a second report for the same part, is harmless.
 */
public interface DeliveryReports {

	/**
	 * Records one report.
	 *
	 * @param tenant the tenant the report was addressed to, or {@code null} when the provider's report carries none (SMPP)
	 */
	void record(TenantId tenant, DeliveryReport report);
}
