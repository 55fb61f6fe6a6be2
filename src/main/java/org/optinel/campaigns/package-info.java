/**
 * Re-permission campaigns: ask a base that never clearly said yes, by email, SMS survey or a link,
 * and at the deadline remove those who did not answer (SEED-02..04, FR-12).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "suppression", "eligibility", "messaging", "messaging::outbox", "messaging::sender",
		"messaging::inbound", "audit", "preferences" })
package org.optinel.campaigns;
