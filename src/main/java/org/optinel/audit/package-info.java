/**
 * The audit log: every admin and system action that touches personal data (an erasure, a purge),
 * who did it, when, on what and how much, kept append-only and free of personal data (GDPR-12).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = { "core", "tenancy" })
package org.optinel.audit;
