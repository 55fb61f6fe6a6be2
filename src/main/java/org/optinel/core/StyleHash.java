package org.optinel.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Content-Security-Policy source of an inline style, {@code 'sha256-...'} (CSP Level 2): the
 * public pages allow their one style by its hash, never by {@code 'unsafe-inline'}.
 */
public final class StyleHash {

	private StyleHash() {
	}

	/** {@code 'sha256-<base64>'}, quotes included, ready for {@code style-src}. */
	public static String of(String style) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
			return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}
