package org.optinel.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keyed hashes of a tenant's identifiers: the lower-case hex HMAC-SHA256 of an E.164 phone or of a
 * lower-cased email under a 256-bit secret of the tenant's own, made on first use and kept sealed
 * with the {@link MasterKey}. The hash, never the identifier, is what outlives an erased contact on
 * the suppression list (FR-10); without the secret it cannot be reversed by trying every number,
 * and two tenants' hashes of the same number differ.
 *
 * <p>Secrets are cached in memory once they are known to be committed: one made inside a
 * transaction that rolls back is forgotten with it, as are the hashes made with it.
 */
@Service
public class IdentifierHashing {

	static final String PURPOSE = "IDENTIFIER_HMAC";

	private static final String ALGORITHM = "HmacSHA256";

	private final TenantSecrets secrets;

	private final MasterKey masterKey;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<TenantId, SecretKey> keys = new ConcurrentHashMap<>();

	IdentifierHashing(TenantSecrets secrets, MasterKey masterKey, Clock clock) {
		this.secrets = secrets;
		this.masterKey = masterKey;
		this.clock = clock;
	}

	/** The tenant's hash of a phone number (of its E.164 form). */
	public String phone(TenantId tenant, PhoneNumber phone) {
		return hasher(tenant).phone(phone.e164());
	}

	/** The tenant's hash of an email address (of its lower-cased form). */
	public String email(TenantId tenant, EmailAddress email) {
		return hasher(tenant).emailKey(email.key());
	}

	/**
	 * A hasher bound to the tenant's secret, for hashing many identifiers on one thread (an import's
	 * reader): it keeps one MAC instead of making one per call. Not thread-safe.
	 */
	public Hasher hasher(TenantId tenant) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key(tenant));
			return new Hasher(mac);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("The JDK has no " + ALGORITHM, e);
		}
	}

	private SecretKey key(TenantId tenant) {
		SecretKey known = keys.get(tenant);
		if (known != null) {
			return known;
		}
		String sealed = secrets.find(tenant, PURPOSE).orElse(null);
		if (sealed == null) {
			byte[] fresh = new byte[32];
			random.nextBytes(fresh);
			secrets.insertIfAbsent(tenant, PURPOSE, masterKey.seal(fresh), clock.instant());
			// whoever inserted first, this reads the secret that stays
			sealed = secrets.find(tenant, PURPOSE).orElseThrow();
		}
		SecretKey key = new SecretKeySpec(masterKey.open(sealed), ALGORITHM);
		// inside a transaction the secret may be this transaction's own insert: known only once committed
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			keys.put(tenant, key);
		}
		else if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					keys.put(tenant, key);
				}
			});
		}
		return key;
	}

	/** Hashes identifiers under one tenant's secret; one thread at a time. */
	public static final class Hasher {

		private final Mac mac;

		private Hasher(Mac mac) {
			this.mac = mac;
		}

		/** The hash of a phone in E.164 form ({@code +33612345678}). */
		public String phone(String e164) {
			return hex(e164);
		}

		/** The hash of an email's comparison key; lower-cased here too, so any case gives the same hash. */
		public String emailKey(String key) {
			return hex(key.toLowerCase(Locale.ROOT));
		}

		private String hex(String value) {
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
	}
}
