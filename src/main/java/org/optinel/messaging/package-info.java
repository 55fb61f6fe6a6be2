/**
 * Messaging: inbound SMS replies and the keywords they carry (sub-package {@code inbound}); later the
 * outbound outbox and the SMS and email adapters.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "suppression" })
package org.optinel.messaging;
