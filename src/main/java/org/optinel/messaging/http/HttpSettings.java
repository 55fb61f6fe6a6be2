package org.optinel.messaging.http;

import java.net.URI;
import java.time.Duration;

/** Checks shared by the HTTP providers' settings; each message names the property at fault. */
final class HttpSettings {

	static final int MAX_CONCURRENCY = 256;

	private HttpSettings() {
	}

	static void requireHttpUrl(URI url, String property) {
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
			throw new IllegalArgumentException(property + " must be an absolute http or https URL, not " + url);
		}
	}

	/** The URL without any user information, for a log line. */
	static String printable(URI url) {
		if (url == null || url.getRawUserInfo() == null) {
			return String.valueOf(url);
		}
		return url.toString().replace(url.getRawUserInfo() + "@", "");
	}

	static void requireConcurrency(int concurrency, String property) {
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
			throw new IllegalArgumentException(property + " must be 1-" + MAX_CONCURRENCY + ", was " + concurrency);
		}
	}

	static void requireTimeout(Duration timeout, String property) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException(property + " must be positive, e.g. 10s, was " + timeout);
		}
	}
}
