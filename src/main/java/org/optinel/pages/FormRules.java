package org.optinel.pages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.optinel.consent.ConsentRefusedException;
import org.optinel.consent.Notice;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

/**
 * Turns a {@link FormDraft} into a {@link FormDefinition}, or names every fault at once. A draft
 * that would pre-tick a box (GDPR-01), bundle channels or purposes in one box (GDPR-04), or tie
 * consent to the terms (GDPR-03) is refused with the rule; so is an ask whose notice does not exist,
 * is of another purpose or is in another language (GDPR-02).
 */
final class FormRules {

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

	private static final int MAX_ASKS = 20;

	private static final int MAX_TEXT = 200;

	private static final int MAX_TERMS = 2_000;

	private static final int MAX_URL = 2_000;

	private static final int MAX_EMBED_ORIGINS = 20;

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	/** A fault, with the rule of RULES.md that it breaks, if any. */
	private record Fault(String rule, FieldViolation violation) {
	}

	/** How the rules read notices; the caller answers by id, within the tenant. */
	interface NoticeLookup {

		Notice find(String noticeId);
	}

	private final List<Fault> faults = new ArrayList<>();

	private FormRules() {
	}

	/**
	 * The definition the draft describes.
	 * @throws ConsentRefusedException naming the first rule broken, with every fault in {@code errors}
	 * @throws InvalidInputException when no rule is broken but fields are missing or malformed
	 */
	static FormDefinition judge(FormDraft draft, Set<String> purposes, NoticeLookup notices) {
		FormRules rules = new FormRules();
		FormDefinition definition = rules.read(draft, purposes, notices);
		rules.raise();
		return definition;
	}

	private FormDefinition read(FormDraft d, Set<String> purposes, NoticeLookup notices) {
		if (d == null) {
			fault(null, "body", "send a JSON object with name, asks, fields, privacyPolicyUrl and controller");
			return null;
		}
		if (Boolean.TRUE.equals(d.precheckedByDefault())) {
			fault("GDPR-01", "precheckedByDefault", "must not be true: consent needs a clear affirmative act, "
					+ "ticking an unticked box; a pre-ticked box is never consent");
		}
		if (Boolean.TRUE.equals(d.consentRequiredForTerms())) {
			fault("GDPR-03", "consentRequiredForTerms", "must not be true: accepting the terms never sets "
					+ "marketing consent, and consent cannot be a condition of the terms");
		}
		String name = text(d.name(), "name", MAX_TEXT, true);
		List<FormDefinition.Field> fields = fields(d.fields());
		Set<String> shown = new HashSet<>();
		fields.forEach(f -> shown.add(f.name()));
		List<FormDefinition.Ask> asks = asks(d.asks(), purposes, notices, shown);
		FormDefinition.Brand brand = brand(d.brand());
		String privacy = https(d.privacyPolicyUrl(), "privacyPolicyUrl", true);
		String controller = text(d.controller(), "controller", MAX_TEXT, true);
		String redirect = https(d.redirectUrl(), "redirectUrl", false);
		String terms = text(d.termsCheckbox(), "termsCheckbox", MAX_TERMS, false);
		List<String> embedOrigins = embedOrigins(d.embedOrigins());
		if (!faults.isEmpty()) {
			return null;
		}
		return new FormDefinition(name, asks, fields, brand == null
				? new FormDefinition.Brand(controller, null, null) : brand, privacy, controller, redirect, terms,
				embedOrigins);
	}

	/**
	 * The sites allowed to embed the form, each as an origin, lower-cased and without the scheme's
	 * default port: https only, or http on the machine itself (localhost, 127.0.0.1, [::1]) for
	 * development and tests; no path, query, fragment, user name or wildcard.
	 */
	private List<String> embedOrigins(List<String> given) {
		List<String> origins = new ArrayList<>();
		if (given == null) {
			return origins;
		}
		if (given.size() > MAX_EMBED_ORIGINS) {
			fault(null, "embedOrigins", "may name at most " + MAX_EMBED_ORIGINS + " sites");
			return origins;
		}
		for (int i = 0; i < given.size(); i++) {
			String at = "embedOrigins[" + i + "]";
			String origin = origin(given.get(i), at);
			if (origin != null && origins.contains(origin)) {
				fault(null, at, "'" + origin + "' is named twice");
			}
			else if (origin != null) {
				origins.add(origin);
			}
		}
		return origins;
	}

	private String origin(String value, String field) {
		String expected = "must be the origin of your site, scheme://host[:port] such as https://shop.example.fr, "
				+ "with no path";
		if (value == null || value.isBlank()) {
			fault(null, field, "is empty: " + expected);
			return null;
		}
		String text = value.strip();
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException e) {
			fault(null, field, "'" + text + "' is not a URL: " + expected);
			return null;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
		if (text.length() > MAX_URL || host == null || uri.getRawUserInfo() != null || text.contains("*")) {
			fault(null, field, "'" + text + "' " + expected);
			return null;
		}
		if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			fault(null, field, "'" + text + "' has a path, query or fragment: " + expected + " (the origin of "
					+ "https://shop.example.fr/signup is https://shop.example.fr)");
			return null;
		}
		boolean local = LOCAL_HOSTS.contains(host);
		if (!"https".equals(scheme) && !("http".equals(scheme) && local)) {
			fault(null, field, "'" + text + "' must use https (http only for localhost, 127.0.0.1 or [::1], "
					+ "in development): the form carries personal data");
			return null;
		}
		int port = uri.getPort();
		boolean standard = port < 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
		return scheme + "://" + host + (standard ? "" : ":" + port);
	}

	private List<FormDefinition.Field> fields(List<FormDraft.FieldDraft> drafts) {
		List<FormDefinition.Field> fields = new ArrayList<>();
		if (drafts == null || drafts.isEmpty()) {
			fault(null, "fields", "is required: the details shown, as [{\"name\": \"email\", \"required\": true}], "
					+ "names among " + FormDefinition.FIELD_NAMES);
			return fields;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < drafts.size(); i++) {
			FormDraft.FieldDraft f = drafts.get(i);
			String at = "fields[" + i + "].name";
			if (f == null || f.name() == null || !FormDefinition.FIELD_NAMES.contains(f.name())) {
				fault(null, at, "must be one of " + FormDefinition.FIELD_NAMES);
			}
			else if (!seen.add(f.name())) {
				fault(null, at, "'" + f.name() + "' is shown twice");
			}
			else {
				fields.add(new FormDefinition.Field(f.name(), Boolean.TRUE.equals(f.required())));
			}
		}
		if (!seen.contains("email") && !seen.contains("phone")) {
			fault(null, "fields", "must show email or phone: the person is named by one of them");
		}
		return fields;
	}

	private List<FormDefinition.Ask> asks(List<FormDraft.AskDraft> drafts, Set<String> purposes,
			NoticeLookup notices, Set<String> shown) {
		List<FormDefinition.Ask> asks = new ArrayList<>();
		if (drafts == null || drafts.isEmpty() || drafts.size() > MAX_ASKS) {
			fault(null, "asks", "must hold 1 to " + MAX_ASKS + " asks, one per channel and purpose");
			return asks;
		}
		Set<String> pairs = new HashSet<>();
		for (int i = 0; i < drafts.size(); i++) {
			String at = "asks[" + i + "]";
			FormDraft.AskDraft a = drafts.get(i);
			if (a == null) {
				fault(null, at, "is empty");
				continue;
			}
			if (Boolean.TRUE.equals(a.prechecked())) {
				fault("GDPR-01", at + ".prechecked", "must not be true: every consent box is shown unticked");
			}
			if (Boolean.TRUE.equals(a.required())) {
				fault("GDPR-03", at + ".required", "must not be true: consent is never a condition of sending the "
						+ "form or of the terms; the person may leave every box unticked");
			}
			List<String> channels = merged(a.channel(), a.channels());
			List<String> askPurposes = merged(a.purpose(), a.purposes());
			if (channels.size() > 1) {
				fault("GDPR-04", at + ".channels", "one box asks for one channel; " + channels
						+ " are bundled: make one ask per channel");
			}
			if (askPurposes.size() > 1) {
				fault("GDPR-04", at + ".purposes", "one box asks for one purpose; " + askPurposes
						+ " are bundled: make one ask per purpose");
			}
			if (channels.size() > 1 || askPurposes.size() > 1) {
				continue;
			}
			Channel channel = channel(channels.isEmpty() ? null : channels.get(0), at + ".channel");
			String purpose = askPurposes.isEmpty() ? null : askPurposes.get(0).strip();
			if (purpose == null || purpose.isEmpty()) {
				fault(null, at + ".purpose", "is required: the key of a declared purpose");
			}
			else if (!purposes.contains(purpose)) {
				fault(null, at + ".purpose", "'" + purpose + "' is not a purpose of this tenant; declare it with "
						+ "POST /api/v1/purposes");
				purpose = null;
			}
			if (channel == Channel.SMS && !shown.contains("phone")) {
				fault(null, at + ".channel", "SMS needs the phone field: add {\"name\": \"phone\"} to fields");
			}
			if (channel == Channel.EMAIL && !shown.contains("email")) {
				fault(null, at + ".channel", "EMAIL needs the email field: add {\"name\": \"email\"} to fields");
			}
			if (channel != null && purpose != null && !pairs.add(channel + " " + purpose)) {
				fault("GDPR-04", at, "asks again for " + channel + " and '" + purpose
						+ "': one answer per channel and purpose");
			}
			Map<String, String> ids = noticeIds(a.noticeIds(), at + ".noticeIds", purpose, notices);
			if (channel != null && purpose != null && ids != null) {
				asks.add(new FormDefinition.Ask(channel, purpose, ids));
			}
		}
		return asks;
	}

	private Map<String, String> noticeIds(Map<String, String> given, String at, String purpose, NoticeLookup notices) {
		if (given == null || given.isEmpty()) {
			fault("GDPR-02", at, "is required: the id of the notice shown, per language: {\"fr\": id, \"en\": id}");
			return null;
		}
		Map<String, String> ids = new LinkedHashMap<>();
		boolean ok = true;
		for (String language : given.keySet()) {
			if (!FormDefinition.LANGUAGES.contains(language)) {
				fault(null, at + "." + language, "is not a language of hosted forms; they are shown in "
						+ FormDefinition.LANGUAGES);
				ok = false;
			}
		}
		for (String language : FormDefinition.LANGUAGES) {
			String id = given.get(language);
			String field = at + "." + language;
			if (id == null || id.isBlank()) {
				fault("GDPR-02", field, "is required: the notice shown in this language");
				ok = false;
				continue;
			}
			Notice notice = notices.find(id.strip());
			if (notice == null) {
				fault("GDPR-02", field, "'" + id + "' is not a notice of this tenant");
				ok = false;
			}
			else if (purpose != null && !notice.purpose().equals(purpose)) {
				fault("GDPR-02", field, "notice " + notice.id() + " is the notice of purpose '" + notice.purpose()
						+ "', not of '" + purpose + "'");
				ok = false;
			}
			else if (!primaryLanguage(notice.language()).equals(language)) {
				fault("GDPR-02", field, "notice " + notice.id() + " is in '" + notice.language() + "', not in '"
						+ language + "'");
				ok = false;
			}
			else {
				ids.put(language, notice.id());
			}
		}
		return ok ? ids : null;
	}

	private FormDefinition.Brand brand(FormDraft.BrandDraft b) {
		if (b == null) {
			return null;
		}
		String name = text(b.name(), "brand.name", MAX_TEXT, false);
		String logo = https(b.logoUrl(), "brand.logoUrl", false);
		String colour = b.primaryColour() == null || b.primaryColour().isBlank() ? null : b.primaryColour().strip();
		if (colour != null && !COLOUR.matcher(colour).matches()) {
			fault(null, "brand.primaryColour", "must be a colour #rrggbb, such as #0a5c36");
		}
		return new FormDefinition.Brand(name, logo, colour == null ? null : colour.toLowerCase(Locale.ROOT));
	}

	private Channel channel(String value, String field) {
		if (value == null || value.isBlank()) {
			fault(null, field, "is required: SMS or EMAIL");
			return null;
		}
		try {
			return Channel.valueOf(value.strip());
		}
		catch (IllegalArgumentException e) {
			fault(null, field, "'" + value + "' is not a channel: SMS or EMAIL");
			return null;
		}
	}

	private String text(String value, String field, int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				fault(null, field, "is required");
			}
			return null;
		}
		if (value.strip().length() > max) {
			fault(null, field, "is longer than " + max + " characters");
		}
		return value.strip();
	}

	private String https(String value, String field, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				fault(null, field, "is required: an https URL");
			}
			return null;
		}
		String url = value.strip();
		try {
			URI uri = new URI(url);
			if (url.length() > MAX_URL || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
					|| uri.getRawUserInfo() != null) {
				fault(null, field, "must be an absolute https URL with a host and no user name");
				return null;
			}
		}
		catch (URISyntaxException e) {
			fault(null, field, "is not a URL: " + e.getReason());
			return null;
		}
		return url;
	}

	private static List<String> merged(String one, List<String> many) {
		Set<String> all = new LinkedHashSet<>();
		if (one != null && !one.isBlank()) {
			all.add(one.strip());
		}
		if (many != null) {
			many.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(all::add);
		}
		return new ArrayList<>(all);
	}

	private static String primaryLanguage(String tag) {
		int dash = tag.indexOf('-');
		return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
	}

	private void fault(String rule, String field, String message) {
		faults.add(new Fault(rule, new FieldViolation(field, rule == null ? message : rule + ": " + message)));
	}

	private void raise() {
		if (faults.isEmpty()) {
			return;
		}
		List<FieldViolation> violations = faults.stream().map(Fault::violation).toList();
		Fault first = faults.stream().filter(f -> f.rule() != null).findFirst().orElse(null);
		if (first == null) {
			throw new InvalidInputException(violations);
		}
		ConsentRefusedException refused = new ConsentRefusedException(first.rule(), "this form would break "
				+ String.join(", ", faults.stream().map(Fault::rule).filter(r -> r != null).distinct().toList())
				+ " (" + first.violation().field() + " " + first.violation().message() + "). Nothing was saved.");
		refused.with("errors", violations);
		throw refused;
	}
}
