/**
 * The contact base: who each contact is (phone in E.164, email, names, external reference), what
 * they did (activities), the lifecycle derived from it (prospect, client, ex-client), and CSV
 * import.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts", allowedDependencies = { "core", "tenancy" })
package org.optinel.contacts;
