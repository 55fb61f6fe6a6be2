/**
 * The preference centre: a page, reached by a signed and expiring link, on which a person sees and
 * changes each consent by channel and purpose (GDPR-04, GDPR-05), stops everything at once
 * (GDPR-07), or opts in again on a channel they had stopped (the only place besides an opt-in SMS
 * from the number itself where a suppression is lifted, KW-02); and the SMS menu word ({@code PREF})
 * that answers with such a link.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Preferences", allowedDependencies = { "core",
		"tenancy", "contacts", "consent", "suppression", "messaging", "messaging::inbound" })
package org.optinel.preferences;
