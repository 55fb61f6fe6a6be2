package org.optinel.messaging.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Optinel-Signature} of a JSON webhook body: {@code sha256=} followed by the lower-case
 * hex HMAC-SHA256 of the raw body bytes, keyed with the secret shared with the provider. It covers
 * the body only, not the URL or a time: a captured request can be replayed, which the message ids
 * make harmless (an inbound id seen before changes nothing). Pure and thread-safe.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Optinel-Signature";

	private static final String PREFIX = "sha256=";

	private WebhookSignature() {
	}

	/** The header value for this body. */
	public static String of(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
		}
	}

	/** Whether {@code signature} is this body's, compared in constant time (hex in either case). */
	public static boolean verify(String secret, byte[] body, String signature) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		byte[] expected = of(secret, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, given);
	}
}
