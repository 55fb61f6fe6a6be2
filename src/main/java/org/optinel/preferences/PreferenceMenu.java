package org.optinel.preferences;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.optinel.contacts.ContactId;
import org.optinel.messaging.inbound.MenuReply;
import org.optinel.messaging.inbound.ReceivedSms;
import org.optinel.messaging.inbound.SmsMenus;
import org.optinel.suppression.KeywordNormaliser;
import org.optinel.tenancy.Jurisdiction;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Component;

/**
 * The SMS menu of the preference centre: a message that is only a menu word
 * ({@code optinel.preferences.sms-keywords}, {@code PREF} by default) gets a reply with a fresh link
 * to the preferences of the contact holding the number. From a number no contact holds, the reply
 * says so and nothing is created. The menu only answers: it never lifts or records anything, the
 * person acts in the page.
 */
@Component
class PreferenceMenu implements SmsMenus {

	private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);

	private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private final PreferenceLinks links;

	private final TenantManagement tenants;

	private final PreferencesProperties properties;

	PreferenceMenu(PreferenceLinks links, TenantManagement tenants, PreferencesProperties properties) {
		this.links = links;
		this.tenants = tenants;
		this.properties = properties;
	}

	@Override
	public Optional<MenuReply> answer(ReceivedSms sms, ContactId holder, String sender) {
		String word = KeywordNormaliser.compact(KeywordNormaliser.normalise(sms.text()));
		if (!properties.smsKeywords().contains(word)) {
			return Optional.empty();
		}
		Tenant tenant = tenants.require(sms.tenant());
		boolean french = tenant.jurisdiction() == Jurisdiction.FR;
		if (holder == null) {
			return Optional.of(new MenuReply(word, null, french
					? sender + " : ce numéro n'est pas dans notre fichier, nous n'avons aucune préférence à vous montrer."
					: sender + ": this number is not in our records, so we hold no preferences for it."));
		}
		IssuedLink link = links.issue(sms.tenant(), holder);
		String url = french ? link.url().toString() : link.url() + "?lang=en";
		var until = link.expiresAt().atZone(tenant.timeZone());
		return Optional.of(new MenuReply(word, holder, french
				? sender + " : choisissez ce que vous recevez de nous ici : " + url + " (lien valable jusqu'au "
						+ FRENCH_DATE.format(until) + ")"
				: sender + ": choose what you receive from us here: " + url + " (link valid until "
						+ ENGLISH_DATE.format(until) + ")"));
	}
}
