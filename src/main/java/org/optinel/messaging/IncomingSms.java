package org.optinel.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a person sent, as a gateway received it.
 *
 * @param from the sender's number in E.164 when it could be read so, else as the network gave it
 * @param to the number or short code it was sent to
 * @param providerMessageId an id that is the same each time the provider delivers this message again
 */
public record IncomingSms(String from, String to, String text, String providerMessageId, Instant receivedAt) {

	public IncomingSms {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(providerMessageId, "providerMessageId");
		Objects.requireNonNull(receivedAt, "receivedAt");
	}
}
