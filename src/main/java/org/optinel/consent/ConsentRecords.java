package org.optinel.consent;

import java.util.List;
import java.util.Map;

/**
 * A contact's consent history, as an access or portability request exports it (GDPR-11).
 *
 * @param events each event in ledger order with its evidence document (or the fact that it was erased) and its checks
 * @param notices the notices the events name, by id: the texts the person was shown
 * @param states the answers that hold now, per channel and purpose
 */
public record ConsentRecords(List<ConsentProof.Item> events, Map<String, Notice> notices, List<ConsentState> states) {

	public ConsentRecords {
		events = List.copyOf(events);
		notices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notices));
		states = List.copyOf(states);
	}
}
