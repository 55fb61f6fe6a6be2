package org.optinel.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;

import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;

/**
 * Signs what a tenant puts in links that people follow without logging in (unsubscribe, and later
 * the preference centre): a 128-bit HMAC-SHA256 tag under a secret of the tenant's own, separate
 * from the one that hashes identifiers. A link cannot be forged, nor moved to another tenant.
 */
@Service
public class LinkSignatures {

	static final String PURPOSE = "LINK_HMAC";

	private static final int TAG_BYTES = 16;

	private final TenantKeys keys;

	LinkSignatures(TenantKeys keys) {
		this.keys = keys;
	}

	/** The base64url tag of {@code payload} under the tenant's link secret. */
	public String sign(TenantId tenant, String payload) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(tag(tenant, payload));
	}

	/**
	 * Whether {@code signature} is the tenant's tag of {@code payload}, compared in constant time as
	 * text, so that another spelling of the same bytes (base64 padding bits) is refused too.
	 */
	public boolean verify(TenantId tenant, String payload, String signature) {
		return signature != null && MessageDigest.isEqual(sign(tenant, payload).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	private byte[] tag(TenantId tenant, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(keys.hmacKey(tenant, PURPOSE));
			return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("The JDK has no HmacSHA256", e);
		}
	}
}
