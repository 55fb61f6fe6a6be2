package org.optinel.tenancy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.optinel.core.TenantId;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A tenant's 256-bit HMAC secrets, one per use, made on first use and sealed with the master key in
 * {@code tenant_secret}, kept in memory once committed. Two nodes making the same secret at once
 * both end with the one inserted first.
 */
@Component
class TenantKeys {

	private static final String ALGORITHM = "HmacSHA256";

	private final TenantSecrets secrets;

	private final MasterKey masterKey;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

	TenantKeys(TenantSecrets secrets, MasterKey masterKey, Clock clock) {
		this.secrets = secrets;
		this.masterKey = masterKey;
		this.clock = clock;
	}

	/** The tenant's HMAC-SHA256 key for {@code purpose}. */
	SecretKey hmacKey(TenantId tenant, String purpose) {
		String cacheKey = tenant.value() + '/' + purpose;
		SecretKey known = keys.get(cacheKey);
		if (known != null) {
			return known;
		}
		String sealed = secrets.find(tenant, purpose).orElse(null);
		if (sealed == null) {
			byte[] fresh = new byte[32];
			random.nextBytes(fresh);
			secrets.insertIfAbsent(tenant, purpose, masterKey.seal(fresh), clock.instant());
			// whoever inserted first, this reads the secret that stays
			sealed = secrets.find(tenant, purpose).orElseThrow();
		}
		SecretKey key = new SecretKeySpec(masterKey.open(sealed), ALGORITHM);
		// inside a transaction the secret may be this transaction's own insert: known only once committed
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			keys.put(cacheKey, key);
		}
		else if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					keys.put(cacheKey, key);
				}
			});
		}
		return key;
	}
}
