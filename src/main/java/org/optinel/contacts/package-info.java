/**
 * The contact base: who each contact is (phone in E.164, email, names, external reference), what
 * they did (activities), the lifecycle derived from it (prospect, client, ex-client), CSV import,
 * and erasure (GDPR-10), which the modules that keep personal data beside it follow.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts", allowedDependencies = { "core", "tenancy", "audit" })
package org.optinel.contacts;
