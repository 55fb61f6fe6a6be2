package org.optinel.messaging.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.MasterKey;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's Twilio account: the auth token, kept sealed with the master key, with which the
 * signature of every webhook request is checked. A request whose signature is missing or wrong,
 * or that names a tenant without a token, is refused before anything is read or written.
 */
@Service
public class TwilioManagement {

	private static final int MAX_TOKEN = 200;

	private final TwilioAccounts accounts;

	private final TenantManagement tenants;

	private final MasterKey masterKey;

	private final Clock clock;

	TwilioManagement(TwilioAccounts accounts, TenantManagement tenants, MasterKey masterKey, Clock clock) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.masterKey = masterKey;
		this.clock = clock;
	}

	/** Sets the tenant's auth token (replacing any earlier one). */
	@Transactional
	public void setAuthToken(TenantId tenant, String authToken) {
		tenants.require(tenant);
		if (authToken == null || authToken.isBlank()) {
			throw new InvalidInputException("authToken", "is required: the auth token of the Twilio account");
		}
		String token = authToken.strip();
		if (token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new InvalidInputException("authToken", "must be printable ASCII of at most " + MAX_TOKEN + " characters");
		}
		accounts.save(tenant, masterKey.seal(token.getBytes(StandardCharsets.UTF_8)), clock.instant());
	}

	@Transactional(readOnly = true)
	public boolean configured(TenantId tenant) {
		return accounts.sealedAuthToken(tenant).isPresent();
	}

	/**
	 * The tenant that signed this request.
	 * @throws OptinelException 403 when the tenant is unknown, has no token, or the signature does not match
	 */
	@Transactional(readOnly = true)
	public TenantId verify(String tenantId, String url, Map<String, List<String>> params, String signature) {
		TenantId tenant = Ids.isCanonical(tenantId) ? TenantId.of(tenantId) : null;
		Optional<String> sealed = tenant == null ? Optional.empty() : accounts.sealedAuthToken(tenant);
		boolean valid = sealed.isPresent() && TwilioSignature.verify(
				new String(masterKey.open(sealed.get()), StandardCharsets.UTF_8), url, params, signature);
		if (!valid) {
			throw new OptinelException(ProblemKind.FORBIDDEN, "invalid-twilio-signature", "Invalid Twilio signature",
					"X-Twilio-Signature is missing or does not match this request under the tenant's auth token. "
							+ "Nothing was recorded.");
		}
		return tenant;
	}
}
