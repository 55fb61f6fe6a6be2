package org.optinel.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encoding of a ledger event and its hash. Anyone can recompute a hash from the
 * stored columns with this description alone:
 *
 * <pre>
 * hash = hex(SHA-256(field_1 || field_2 || ... || field_16))
 * field = 4-byte big-endian length of the value's UTF-8 bytes, then those bytes;
 *         an absent value is the length -1 (FF FF FF FF) and no bytes
 * fields, in this order: "optinel-consent-event/1", tenant id, seq (decimal), event id,
 *         contact id, channel, purpose key, action, source, notice id, notice SHA-256 (hex),
 *         proven ("true"/"false"), occurred at and recorded at (epoch milliseconds, decimal),
 *         evidence SHA-256 (hex), previous hash (hex; 64 zeros before the first event)
 * </pre>
 *
 * A double opt-in event (pending, or confirming a pending one) is encoded as format
 * {@code "optinel-consent-event/2"}: the same fields, then two more, pending ("true"/"false") and
 * the id of the confirmed event (absent unless it confirms one). Every other event keeps format 1,
 * so hashes made before double opt-in existed still hold.
 *
 * Length prefixes make the encoding unambiguous without escaping: no two different events encode
 * to the same bytes. The evidence hash is SHA-256 over the stored evidence document's UTF-8 bytes.
 */
public final class ConsentChain {

	/** The previous hash of a tenant's first event. */
	public static final String GENESIS = "0".repeat(64);

	static final String FORMAT = "optinel-consent-event/1";

	static final String FORMAT_DOUBLE_OPT_IN = "optinel-consent-event/2";

	private ConsentChain() {
	}

	/** The hash of {@code event} as it should be, from all of its fields but {@code hash}. */
	public static String hash(ConsentEvent e) {
		return sha256(canonical(e));
	}

	static byte[] canonical(ConsentEvent e) {
		return ChainFields.encode(ChainFields.of(e));
	}

	/** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
	public static String sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JVM", e);
		}
	}
}
