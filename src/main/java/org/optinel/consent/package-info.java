/**
 * Consent: purposes, immutable notices, the hash-chained ledger of consent events with their
 * evidence, and the current state per contact, channel and purpose derived from it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent", allowedDependencies = { "core", "tenancy", "contacts" })
package org.optinel.consent;
