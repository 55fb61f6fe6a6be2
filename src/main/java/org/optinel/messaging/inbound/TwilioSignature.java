package org.optinel.messaging.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): the base64 HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio requested followed by every POST parameter, sorted
 * by name, as name then value with no separators; a name given several times contributes each
 * distinct value once, in sorted order (as Twilio's own validators do). Pure and thread-safe.
 */
public final class TwilioSignature {

	private TwilioSignature() {
	}

	/** The signature Twilio sends for this request. */
	public static String of(String authToken, String url, Map<String, List<String>> params) {
		StringBuilder data = new StringBuilder(url);
		for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
			for (String value : new TreeSet<>(param.getValue())) {
				data.append(param.getKey()).append(value);
			}
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
		}
	}

	/** Whether {@code signature} is this request's, compared in constant time. */
	public static boolean verify(String authToken, String url, Map<String, List<String>> params, String signature) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		byte[] expected = of(authToken, url, params).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
	}
}
