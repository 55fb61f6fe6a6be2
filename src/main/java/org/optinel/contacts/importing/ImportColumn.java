package org.optinel.contacts.importing;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.optinel.contacts.ActivityType;

/**
 * The fields an import file may carry, each with the headers it is recognised by (English and
 * French, compared without case, accents, spaces or punctuation). Activity columns hold one or
 * more dates separated by {@code |}.
 */
enum ImportColumn {

	EXTERNAL_REF("externalRef", null, "external_ref", "ref", "reference", "customer_id", "client_id", "id_client", "customer_ref"),
	EMAIL("email", null, "e-mail", "mail", "courriel", "email_address", "adresse_email"),
	PHONE("phone", null, "mobile", "telephone", "tel", "portable", "phone_number", "numero", "gsm", "msisdn"),
	FIRST_NAME("firstName", null, "first_name", "prenom", "given_name"),
	LAST_NAME("lastName", null, "last_name", "nom", "surname", "family_name", "nom_de_famille"),
	LOCALE("locale", null, "language", "langue", "lang"),
	COUNTRY("country", null, "pays", "country_code"),
	PROFESSIONAL("professional", null, "pro", "b2b", "professionnel"),
	COLLECTED_IN_SALE("collectedInSale", null, "collected_in_sale", "collecte_vente"),
	OPT_OUT_OFFERED("optOutOffered", null, "opt_out_offered", "opposition_proposee"),
	PURCHASES("purchases", ActivityType.PURCHASE, "purchase", "purchased_at", "purchase_dates", "last_purchase_at", "achats",
			"achat", "date_achat", "dates_achat", "commandes"),
	APPOINTMENTS("appointments", ActivityType.APPOINTMENT, "appointment", "appointment_at", "rendez_vous", "rdv"),
	REGISTRATIONS("registrations", ActivityType.REGISTRATION, "registration", "registered_at", "inscription", "date_inscription"),
	INTERACTIONS("interactions", ActivityType.INTERACTION, "interaction", "last_interaction_at", "interaction_at");

	private static final Map<String, ImportColumn> BY_KEY = new HashMap<>();

	static {
		for (ImportColumn column : values()) {
			BY_KEY.put(key(column.field), column);
			for (String alias : column.aliases) {
				BY_KEY.put(key(alias), column);
			}
		}
	}

	final String field;

	/** For activity columns, the type of the activities they hold; {@code null} otherwise. */
	final ActivityType activity;

	private final List<String> aliases;

	ImportColumn(String field, ActivityType activity, String... aliases) {
		this.field = field;
		this.activity = activity;
		this.aliases = List.of(aliases);
	}

	static Optional<ImportColumn> forHeader(String header) {
		return Optional.ofNullable(BY_KEY.get(key(header)));
	}

	static Optional<ImportColumn> forField(String field) {
		for (ImportColumn column : values()) {
			if (column.field.equalsIgnoreCase(field)) {
				return Optional.of(column);
			}
		}
		return Optional.empty();
	}

	/** {@code "Prénom "} and {@code "PRENOM"} and {@code "pre-nom"} all read {@code prenom}. */
	static String key(String header) {
		String decomposed = Normalizer.normalize(header.strip(), Normalizer.Form.NFD);
		StringBuilder key = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.isLetterOrDigit(c)) { // accents, split off by NFD, are marks, not letters
				key.append(c);
			}
		}
		return key.toString().toLowerCase(Locale.ROOT);
	}
}
