/**
 * Data subject requests: the export of everything kept about a person (GDPR-11), which every
 * module holding personal data contributes to; later the retention policies and their purge.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retention", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "suppression", "messaging", "audit" })
package org.optinel.retention;
