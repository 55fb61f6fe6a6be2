package org.optinel.campaigns;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The tokens of a launch's confirmation links ({@code /c/<token>}): 16 bytes written as 22
 * characters of the base64url set, but in an alphabet whose ASCII order is the order of the values.
 * The bytes are the launch's second (4), the recipient's rank in the launch (3) and 9 random bytes
 * (72 bits), which make a token unguessable. The tokens of one launch therefore sort in the order
 * they are made and enter the unique token index at one place, its end, as time-ordered ids do;
 * purely random tokens went in at random places, and rewriting the pages they touched was the
 * largest single cost of a launch's commits. Tokens made before this form (16 random bytes in
 * base64url) have the same length and character set, and are found the same way.
 */
final class RecipientTokens {

	/** The base64url characters in ASCII order: a token's order as a string is its bytes' order. */
	private static final char[] SORTED = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();

	static final int LENGTH = 22;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final long second;

	private int rank;

	/** The tokens of a launch made at {@code launchedAt}. */
	RecipientTokens(Instant launchedAt) {
		this.second = launchedAt.getEpochSecond();
	}

	/** The next recipient's token: greater than every token this object made before (up to 2^24 of them). */
	String next() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		for (int i = 0; i < 4; i++) {
			bytes[i] = (byte) (second >>> (24 - 8 * i));
		}
		int r = rank++ & 0xFF_FFFF;
		bytes[4] = (byte) (r >>> 16);
		bytes[5] = (byte) (r >>> 8);
		bytes[6] = (byte) r;
		return encode(bytes);
	}

	/** 128 bits, most significant first, six to a character; the last character holds two bits. */
	static String encode(byte[] bytes) {
		char[] out = new char[LENGTH];
		int bits = 0;
		int buffer = 0;
		int n = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 6) {
				bits -= 6;
				out[n++] = SORTED[(buffer >>> bits) & 0x3F];
			}
		}
		out[n] = SORTED[(buffer << (6 - bits)) & 0x3F];
		return new String(out);
	}
}
