/**
 * Messaging: inbound SMS replies and the keywords they carry (sub-package {@code inbound}), the SMS
 * gateway port with its SMPP adapter (sub-package {@code smpp}) and its HTTP adapters, Twilio and a
 * signed JSON webhook (sub-package {@code http}), the delivery reports port, and SMS sizing; later
 * the outbound outbox and the email adapter.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "suppression", "eligibility" })
package org.optinel.messaging;
