package org.optinel.campaigns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What launching a campaign would do, now.
 *
 * @param classes how many contacts of the chosen lifecycles fall in each class (FR-12)
 * @param reasons why contacts may not be asked, counted by reason
 * @param channels how many would be asked on each channel first
 * @param smsSegments the segments of one SMS of the campaign (the default language's template)
 * @param estimatedCost SMS segments times the sender profile's price, for the first messages; null when no price is set
 * @param firstSend when the first messages may leave (the sending windows, for SMS)
 * @param reminders when the reminders are due
 */
public record Preview(Map<AskClass, Long> classes, Map<String, Long> reasons, Map<String, Long> channels,
		Integer smsSegments, String smsEncoding, BigDecimal estimatedCost, String currency, Instant firstSend,
		List<Instant> reminders, Instant deadline) {
}
