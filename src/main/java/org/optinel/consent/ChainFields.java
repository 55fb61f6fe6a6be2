package org.optinel.consent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values {@link ConsentChain} hashes for an event, as a list a proof can show, and their
 * encoding: each value as a 4-byte big-endian length of its UTF-8 bytes then those bytes, an absent
 * value as the length -1 and no bytes. {@code SHA-256(encode(of(e)))} is the event's hash.
 */
public final class ChainFields {

	/** The names of the hashed values of an event, in hashing order (format 1). */
	public static final List<String> NAMES = List.of("format", "tenantId", "seq", "eventId", "contactId", "channel",
			"purpose", "action", "source", "noticeId", "noticeSha256", "proven", "occurredAtMillis",
			"recordedAtMillis", "evidenceSha256", "previousHash");

	/** The names for a double opt-in event (format 2): those of format 1, then two more. */
	public static final List<String> DOUBLE_OPT_IN_NAMES = java.util.stream.Stream
		.concat(NAMES.stream(), java.util.stream.Stream.of("pending", "confirmsEventId"))
		.toList();

	private ChainFields() {
	}

	/** The names of the values hashed for {@code e}, in hashing order. */
	public static List<String> names(ConsentEvent e) {
		return isDoubleOptIn(e) ? DOUBLE_OPT_IN_NAMES : NAMES;
	}

	/** The values hashed for {@code e}, in the order of {@link #names}; {@code null} for an absent value. */
	public static List<String> of(ConsentEvent e) {
		boolean doubleOptIn = isDoubleOptIn(e);
		List<String> values = new java.util.ArrayList<>(Arrays.asList(
				doubleOptIn ? ConsentChain.FORMAT_DOUBLE_OPT_IN : ConsentChain.FORMAT, e.tenant().value(),
				Long.toString(e.seq()), e.id(), e.contact().value(), e.channel().name(), e.purpose(), e.action().name(),
				e.source().name(), e.noticeId(), e.noticeSha256(), Boolean.toString(e.proven()),
				Long.toString(e.occurredAt().toEpochMilli()), Long.toString(e.recordedAt().toEpochMilli()),
				e.evidenceSha256(), e.previousHash()));
		if (doubleOptIn) {
			values.add(Boolean.toString(e.pending()));
			values.add(e.confirms());
		}
		return Collections.unmodifiableList(values);
	}

	/** A pending grant, or the grant that confirms one, is hashed in format 2. */
	static boolean isDoubleOptIn(ConsentEvent e) {
		return e.pending() || e.confirms() != null;
	}

	/** The length-prefixed encoding of {@code values}. */
	public static byte[] encode(List<String> values) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		for (String value : values) {
			byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
			int length = bytes == null ? -1 : bytes.length;
			out.write(length >>> 24);
			out.write(length >>> 16);
			out.write(length >>> 8);
			out.write(length);
			if (bytes != null) {
				out.write(bytes, 0, bytes.length);
			}
		}
		return out.toByteArray();
	}
}
