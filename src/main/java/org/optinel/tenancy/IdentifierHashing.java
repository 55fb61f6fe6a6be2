package org.optinel.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;

import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;

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

	private final TenantKeys keys;

	IdentifierHashing(TenantKeys keys) {
		this.keys = keys;
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
			mac.init(keys.hmacKey(tenant, PURPOSE));
			return new Hasher(mac);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("The JDK has no " + ALGORITHM, e);
		}
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
