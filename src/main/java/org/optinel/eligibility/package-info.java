/**
 * The eligibility decision: may a message of a channel and purpose go to a contact at an instant
 * (RULES.md, "Who may be messaged"), with the sending windows and holiday calendars it applies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Eligibility",
		allowedDependencies = { "core", "tenancy", "contacts", "consent", "suppression" })
package org.optinel.eligibility;
