/**
 * The suppression list: opt-outs that override everything (GDPR-07), per channel or for all
 * channels, kept as keyed hashes of the phone or email so that they outlive the contact (FR-10).
 * Entries are added by the API, imports and opt-out keywords; only the person can lift one (KW-02).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suppression", allowedDependencies = { "core", "tenancy" })
package org.optinel.suppression;
