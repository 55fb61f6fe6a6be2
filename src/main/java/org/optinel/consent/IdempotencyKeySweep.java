package org.optinel.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets expired idempotency keys and the responses kept with them, every hour, tenant by tenant
 * and in small transactions, so that the table holds about a day of keys however long the service
 * runs. A key is also forgotten when it is claimed again after it expired.
 */
@Component
class IdempotencyKeySweep {

	static final int BATCH = 5_000;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeySweep.class);

	private final IdempotencyKeys keys;

	private final TenantManagement tenants;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IdempotencyKeySweep(IdempotencyKeys keys, TenantManagement tenants, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.keys = keys;
		this.tenants = tenants;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
	void sweepEveryHour() {
		int forgotten = sweep();
		if (forgotten > 0) {
			log.info("Forgot {} expired idempotency keys", forgotten);
		}
	}

	/** Forgets every key that expired by now; how many. */
	int sweep() {
		Instant now = this.clock.instant();
		int total = 0;
		for (TenantId tenant : this.tenants.allIds()) {
			int forgotten;
			do {
				Integer batch = this.transactions.execute(status -> this.keys.forgetExpired(tenant, now, BATCH));
				forgotten = (batch == null) ? 0 : batch;
				total += forgotten;
			}
			while (forgotten == BATCH);
		}
		return total;
	}
}
