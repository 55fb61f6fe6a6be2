package org.optinel.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.DeliveryReports;
import org.optinel.tenancy.TenantManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery receipts settle the outbox message whose part they name. A receipt can overtake the
 * recording of the submission it reports on (an SMSC on loopback answers in microseconds): one that
 * names no known part is kept and tried again for a while before it is dropped with a warning.
 */
@Component
class OutboxReceipts implements DeliveryReports {

	private static final Logger log = LoggerFactory.getLogger(OutboxReceipts.class);

	static final Duration KEEP_UNMATCHED = Duration.ofMinutes(5);

	private final OutboxStore store;

	private final TenantManagement tenants;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Queue<Unmatched> unmatched = new ConcurrentLinkedQueue<>();

	OutboxReceipts(OutboxStore store, TenantManagement tenants, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.store = store;
		this.tenants = tenants;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public void record(TenantId tenant, DeliveryReport report) {
		if (!apply(tenant, report)) {
			unmatched.add(new Unmatched(tenant, report, clock.instant()));
		}
	}

	/** Tries the receipts that matched nothing again. */
	@Scheduled(fixedDelay = 1000)
	void retryUnmatched() {
		Instant now = clock.instant();
		for (int n = unmatched.size(); n > 0; n--) {
			Unmatched u = unmatched.poll();
			if (u == null) {
				return;
			}
			if (apply(u.tenant, u.report)) {
				continue;
			}
			if (Duration.between(u.since, now).compareTo(KEEP_UNMATCHED) > 0) {
				log.warn("dropped a delivery receipt for {}: no message sent has a part with that id",
						u.report.providerId());
			}
			else {
				unmatched.add(u);
			}
		}
	}

	/** How many receipts wait for their message. */
	int unmatched() {
		return unmatched.size();
	}

	private boolean apply(TenantId tenant, DeliveryReport report) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			Optional<TenantId> owner = tenant != null ? Optional.of(tenant)
					: store.tenantOfPart(tenants.allIds(), report.providerId());
			if (owner.isEmpty()) {
				return false;
			}
			return store.report(owner.get(), report.providerId(), report.state().name(), report.state().delivered(),
					report.at())
				.isPresent();
		}));
	}

	private record Unmatched(TenantId tenant, DeliveryReport report, Instant since) {
	}
}
