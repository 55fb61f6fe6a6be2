/**
 * Retention and data subject requests: the purge of contacts kept past their retention period
 * (FR-09, GDPR-12), always with a dry run and an audit entry, and the export of everything kept
 * about a person (GDPR-11), which every module holding personal data contributes to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retention", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "suppression", "messaging", "audit" })
package org.optinel.retention;
