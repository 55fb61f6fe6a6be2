package org.optinel.consent;

import java.time.Instant;
import java.util.List;

import org.optinel.core.Channel;

/**
 * A consent answer as a caller sent it, before any rule is applied. The person is named by
 * {@code contactId} or by {@code phone} and/or {@code email}. {@code channels} and {@code purposes}
 * hold every channel and purpose the answer was given for: more than one of either is a bundled
 * answer (GDPR-04).
 *
 * @param occurredAt when the person answered; now when absent
 */
public record ConsentCapture(String contactId, String phone, String email, List<Channel> channels,
		List<String> purposes, ConsentAction action, ConsentSource source, String noticeId, Instant occurredAt,
		EvidenceFields evidence) {

	public ConsentCapture {
		channels = channels == null ? List.of() : List.copyOf(channels);
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
	}
}
