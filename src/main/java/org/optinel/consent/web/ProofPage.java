package org.optinel.consent.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.optinel.consent.ChainFields;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentProof;
import org.optinel.consent.ConsentState;
import org.optinel.consent.LedgerVerification;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.contacts.Contact;
import org.optinel.core.Channel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of a contact's consents as a printable HTML document in French or English, for a
 * business to hand to a regulator. Self-contained: inline print-friendly CSS, no script, no
 * external resource. Every value that comes from data is escaped.
 */
final class ProofPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CSS = """
			body{font-family:Georgia,'Times New Roman',serif;color:#111;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}
			h1{font-size:1.6em;border-bottom:2px solid #111;padding-bottom:.2em}
			h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}
			h3{font-size:1.05em;margin-bottom:.3em}
			table{border-collapse:collapse;width:100%;margin:.4em 0}
			th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
			th{background:#eee;width:30%}
			blockquote{border-left:3px solid #555;margin:.5em 0;padding:.3em .8em;background:#f6f6f6;white-space:pre-wrap}
			code,.hash{font-family:'Courier New',monospace;font-size:.85em;word-break:break-all}
			.event{page-break-inside:avoid;border:1px solid #ccc;padding:.5em 1em;margin:1em 0}
			.ok{color:#064;font-weight:bold}.ko{color:#a00;font-weight:bold}
			.small{font-size:.85em;color:#333}
			@media print{body{margin:0;max-width:none}.event{border-color:#999}a{color:#111;text-decoration:none}}
			""";

	private ProofPage() {
	}

	/** The page in {@code language} ({@code fr} or {@code en}). */
	static String render(ConsentProof proof, String language) {
		return new Writer(proof, "fr".equals(language)).page();
	}

	/** HTML-escapes text for element content and quoted attribute values. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<':
					out.append("&lt;");
					break;
				case '>':
					out.append("&gt;");
					break;
				case '&':
					out.append("&amp;");
					break;
				case '"':
					out.append("&quot;");
					break;
				case '\'':
					out.append("&#39;");
					break;
				default:
					out.append(c);
			}
		}
		return out.toString();
	}

	private static final class Writer {

		private final ConsentProof proof;

		private final boolean fr;

		private final ZoneId zone;

		private final DateTimeFormatter time;

		private final StringBuilder html = new StringBuilder(16_384);

		Writer(ConsentProof proof, boolean fr) {
			this.proof = proof;
			this.fr = fr;
			this.zone = proof.tenant().timeZone();
			this.time = DateTimeFormatter.ofPattern(fr ? "d MMMM uuuu 'à' HH:mm:ss '(UTC'xxx')'" : "d MMMM uuuu 'at' HH:mm:ss '(UTC'xxx')'",
					fr ? Locale.FRENCH : Locale.ENGLISH);
		}

		String page() {
			Contact c = proof.contact().contact();
			html.append("<!DOCTYPE html>\n<html lang=\"").append(fr ? "fr" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
				.append("<title>").append(t("Preuve de consentement", "Proof of consent")).append(" – ")
				.append(escape(c.id().value())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
			html.append("<h1>").append(t("Preuve de consentement", "Proof of consent")).append("</h1>\n");
			html.append("<p>").append(t("Ce document recense chaque réponse donnée par la personne ci-dessous aux demandes de consentement "
					+ "du responsable de traitement, avec le texte exact qui lui a été présenté, les éléments qui en attestent, et le "
					+ "contrôle de l'intégrité du registre où elles sont enregistrées (RGPD, article 7, paragraphe 1).",
					"This document lists every answer the person below gave to the controller's requests for consent, with "
							+ "the exact text they were shown, the evidence of each answer, and a check of the integrity of the "
							+ "ledger they are recorded in (GDPR, Article 7(1)).")).append("</p>\n");
			controller();
			person(c);
			states();
			events();
			chain();
			html.append("<p class=\"small\">").append(t("Document établi le ", "Document produced on "))
				.append(escape(when(proof.generatedAt()))).append(t(" (fuseau horaire ", " (time zone "))
				.append(escape(zone.getId())).append(").</p>\n</body>\n</html>\n");
			return html.toString();
		}

		private void controller() {
			html.append("<h2>").append(t("Responsable de traitement", "Controller")).append("</h2>\n<table>\n");
			row(t("Nom", "Name"), proof.tenant().name());
			row(t("Juridiction", "Jurisdiction"), proof.tenant().jurisdiction().name());
			row(t("Identifiant", "Identifier"), proof.tenant().id().value());
			html.append("</table>\n");
		}

		private void person(Contact c) {
			html.append("<h2>").append(t("Personne concernée", "Data subject")).append("</h2>\n<table>\n");
			row(t("Identifiant", "Identifier"), c.id().value());
			String name = ((c.firstName() == null ? "" : c.firstName()) + " " + (c.lastName() == null ? "" : c.lastName())).strip();
			if (!name.isEmpty()) {
				row(t("Nom", "Name"), name);
			}
			if (c.phone() != null) {
				row(t("Téléphone", "Phone"), c.phone().e164());
			}
			if (c.email() != null) {
				row(t("Adresse e-mail", "Email address"), c.email().value());
			}
			if (c.externalRef() != null) {
				row(t("Référence du responsable", "Controller's reference"), c.externalRef());
			}
			html.append("</table>\n");
		}

		private void states() {
			html.append("<h2>").append(t("Consentements en vigueur", "Consents now in force")).append("</h2>\n");
			if (proof.states().isEmpty()) {
				html.append("<p>").append(t("Aucune réponse enregistrée.", "No answer recorded.")).append("</p>\n");
				return;
			}
			html.append("<table>\n<tr><th>").append(t("Canal", "Channel")).append("</th><th>").append(t("Finalité", "Purpose"))
				.append("</th><th>").append(t("État", "Status")).append("</th><th>").append(t("Depuis le", "Since"))
				.append("</th></tr>\n");
			for (ConsentState s : proof.states()) {
				html.append("<tr><td>").append(escape(channel(s.channel().name()))).append("</td><td>")
					.append(escape(purposeName(s.purpose()))).append("</td><td>").append(escape(status(s.status().name())));
				if (s.stale()) {
					html.append(t(" (ancien : à renouveler)", " (stale: to be renewed)"));
				}
				html.append("</td><td>").append(escape(when(s.since()))).append("</td></tr>\n");
			}
			html.append("</table>\n");
		}

		private void events() {
			html.append("<h2>").append(t("Réponses enregistrées, dans l'ordre du registre", "Recorded answers, in ledger order"))
				.append("</h2>\n");
			if (proof.events().isEmpty()) {
				html.append("<p>").append(t("Aucune.", "None.")).append("</p>\n");
			}
			for (ConsentProof.Item item : proof.events()) {
				event(item);
			}
		}

		private void event(ConsentProof.Item item) {
			ConsentEvent e = item.event();
			html.append("<div class=\"event\">\n<h3>").append(t("Événement n° ", "Event no. ")).append(item.seq());
			if (e == null) {
				html.append("</h3>\n<p class=\"ko\">").append(t("L'enregistrement de cet événement ne peut plus être lu : "
						+ "il a été modifié hors de l'application.", "This event's record can no longer be read: it was "
								+ "changed outside the application.")).append("</p>\n</div>\n");
				return;
			}
			html.append(" – ").append(escape(when(e.occurredAt()))).append("</h3>\n<p>")
				.append(escape(sentence(e))).append("</p>\n<table>\n");
			row(t("Date de la réponse", "Time of the answer"), when(e.occurredAt()));
			row(t("Date d'enregistrement", "Time recorded"), when(e.recordedAt()));
			row(t("Recueillie par", "Collected through"), source(e.source().name()));
			row(t("Canal", "Channel"), channel(e.channel().name()));
			row(t("Finalité", "Purpose"), purposeName(e.purpose()) + " (" + e.purpose() + ")");
			html.append("</table>\n");
			notice(e);
			evidence(item);
			html.append("<p class=\"small\">").append(t("Registre : n° ", "Ledger: no. ")).append(e.seq())
				.append(t(", empreinte ", ", hash ")).append("<span class=\"hash\">").append(escape(e.hash()))
				.append("</span>").append(t(", empreinte précédente ", ", previous hash ")).append("<span class=\"hash\">")
				.append(escape(e.previousHash())).append("</span>. ");
			if (item.intact()) {
				html.append("<span class=\"ok\">").append(t("Vérifié : l'empreinte recalculée correspond, l'événement est "
						+ "lié au précédent" + (item.evidenceMatches() == null ? "." : " et les éléments de preuve correspondent."),
						"Verified: the recomputed hash matches, the event links to the previous one"
								+ (item.evidenceMatches() == null ? "." : " and the evidence matches."))).append("</span>");
			}
			else {
				html.append("<span class=\"ko\">").append(t("Échec de la vérification : ", "Verification failed: "))
					.append(escape(failure(item))).append("</span>");
			}
			html.append("</p>\n</div>\n");
		}

		private void notice(ConsentEvent e) {
			Notice n = e.noticeId() == null ? null : proof.notices().get(e.noticeId());
			if (n == null) {
				html.append("<p>").append(t("Aucun texte d'information n'est associé à cette réponse.",
						"No notice text is associated with this answer.")).append("</p>\n");
				return;
			}
			html.append("<p>").append(t("Texte présenté à la personne", "Text shown to the person")).append(" (")
				.append(t("version ", "version ")).append(n.version()).append(", ").append(t("langue ", "language "))
				.append(escape(n.language())).append(", SHA-256 <span class=\"hash\">").append(escape(n.sha256()))
				.append("</span>) :</p>\n<blockquote>").append(escape(n.text())).append("</blockquote>\n");
		}

		private void evidence(ConsentProof.Item item) {
			ConsentEvent e = item.event();
			if (e.evidenceSha256() == null) {
				html.append("<p>").append(t("Aucun élément de preuve n'a été fourni avec cette réponse.",
						"No evidence was given with this answer.")).append("</p>\n");
				return;
			}
			if (item.evidenceErased()) {
				html.append("<p>").append(t("Les éléments de preuve (données personnelles) ont été effacés. Le registre "
						+ "conserve leur empreinte SHA-256 ", "The evidence (personal data) was erased. The ledger keeps its "
								+ "SHA-256 hash ")).append("<span class=\"hash\">").append(escape(e.evidenceSha256()))
					.append("</span>").append(t(", si bien que l'événement reste vérifiable.",
							", so the event remains verifiable.")).append("</p>\n");
				return;
			}
			html.append("<p>").append(t("Éléments de preuve", "Evidence")).append(" :</p>\n<table>\n");
			JsonNode document = JSON.readTree(item.evidence());
			for (Map.Entry<String, JsonNode> field : document.properties()) {
				if ("salt".equals(field.getKey()) || "source".equals(field.getKey())) {
					continue;
				}
				if (field.getValue().isObject()) {
					Iterator<Map.Entry<String, JsonNode>> inner = field.getValue().properties().iterator();
					while (inner.hasNext()) {
						Map.Entry<String, JsonNode> sub = inner.next();
						row(evidenceLabel(field.getKey() + "." + sub.getKey()), yesNo(sub.getValue()));
					}
				}
				else {
					row(evidenceLabel(field.getKey()), yesNo(field.getValue()));
				}
			}
			html.append("</table>\n");
		}

		private void chain() {
			html.append("<h2>").append(t("Intégrité du registre", "Integrity of the ledger")).append("</h2>\n<p>");
			html.append(t("Chaque événement du registre porte une empreinte SHA-256 calculée sur son contenu et sur "
					+ "l'empreinte de l'événement précédent : toute modification, suppression ou insertion après coup rompt "
					+ "la chaîne.", "Each ledger event carries a SHA-256 hash computed over its content and the hash of the "
							+ "event before it: any later change, deletion or insertion breaks the chain.")).append("</p>\n<p>");
			html.append(proof.eventsIntact() ? "<span class=\"ok\">" : "<span class=\"ko\">")
				.append(proof.eventsIntact()
						? t("Les événements de cette personne ont été vérifiés un à un : intacts.",
								"This person's events were checked one by one: intact.")
						: t("Au moins un événement de cette personne ne se vérifie pas (voir ci-dessus).",
								"At least one of this person's events does not verify (see above)."))
				.append("</span></p>\n<p>");
			LedgerVerification v = proof.ledger();
			if (v.ok()) {
				html.append("<span class=\"ok\">").append(t("Le registre complet du responsable (", "The controller's whole ledger ("))
					.append(v.eventsChecked()).append(t(" événements) a été recalculé : intact.", " events) was recomputed: intact."))
					.append("</span>");
			}
			else {
				html.append("<span class=\"ko\">").append(t("Le registre complet du responsable est rompu à l'événement n° ",
						"The controller's whole ledger is broken at event no. ")).append(v.brokenSeq()).append(" : ")
					.append(escape(v.reason())).append("</span>");
			}
			html.append(t(" Dernier événement : n° ", " Last event: no. ")).append(proof.head().seq())
				.append(t(", empreinte ", ", hash ")).append("<span class=\"hash\">").append(escape(proof.head().hash()))
				.append("</span>.</p>\n<p class=\"small\">");
			html.append(t("Méthode : empreinte = SHA-256 de la suite des valeurs ", "Method: hash = SHA-256 of the values "))
				.append("<code>").append(escape(String.join(", ", ChainFields.NAMES))).append("</code>")
				.append(t(", chacune précédée de la longueur sur 4 octets (gros-boutiste) de son encodage UTF-8, une valeur "
						+ "absente codée −1 ; la version JSON de cette preuve (même adresse, format JSON) donne ces valeurs pour "
						+ "chaque événement.", ", each preceded by the 4-byte big-endian length of its UTF-8 encoding, an absent "
								+ "value encoded as −1; the JSON version of this proof (same address, JSON format) gives these "
								+ "values for each event.")).append("</p>\n");
		}

		private String sentence(ConsentEvent e) {
			String what;
			String by = " " + t("par ", "by ") + channel(e.channel().name());
			switch (e.action()) {
				case GRANT:
					what = t("La personne a donné son consentement pour recevoir ", "The person gave consent to receive ")
							+ quoted(purposeName(e.purpose())) + by + ".";
					if (!e.proven()) {
						what += t(" Consentement importé sans preuve d'origine : il n'autorise aucun envoi (EDPB-01).",
								" Imported without its original proof: it is no basis to send (EDPB-01).");
					}
					break;
				case WITHDRAW:
					what = t("La personne a retiré son consentement pour ", "The person withdrew consent to ")
							+ t("", "receive ") + quoted(purposeName(e.purpose())) + by + ".";
					break;
				default:
					what = t("La personne a refusé de recevoir ", "The person refused to receive ")
							+ quoted(purposeName(e.purpose())) + by + ".";
			}
			return what;
		}

		private String quoted(String text) {
			return fr ? "« " + text + " »" : "\u201c" + text + "\u201d";
		}

		private String failure(ConsentProof.Item item) {
			if (!item.hashMatches()) {
				return t("le contenu ne correspond plus à son empreinte.", "its content no longer matches its hash.");
			}
			if (!item.linked()) {
				return t("il n'est pas lié à l'empreinte de l'événement précédent.", "it does not link to the previous event's hash.");
			}
			return t("les éléments de preuve ne correspondent plus à l'empreinte enregistrée.",
					"the evidence no longer matches the recorded hash.");
		}

		private String purposeName(String key) {
			Purpose p = proof.purposes().get(key);
			return p == null ? key : p.name();
		}

		private String channel(String channel) {
			return "SMS".equals(channel) ? "SMS" : t("e-mail", "email");
		}

		private String status(String status) {
			switch (status) {
				case "GRANTED":
					return t("consentement donné", "consent given");
				case "WITHDRAWN":
					return t("consentement retiré", "consent withdrawn");
				case "DENIED":
					return t("refusé", "refused");
				case "PENDING":
					return t("en attente de confirmation", "awaiting confirmation");
				default:
					return t("non prouvé : aucun envoi autorisé", "unproven: no basis to send");
			}
		}

		private String source(String source) {
			switch (source) {
				case "WEB_FORM":
					return t("formulaire web", "web form");
				case "API":
					return t("système du responsable (API)", "controller's system (API)");
				case "SMS_REPLY":
					return t("réponse par SMS", "SMS reply");
				case "EMAIL_CLICK":
					return t("clic dans un e-mail", "click in an email");
				case "PREFERENCE_CENTRE":
					return t("centre de préférences", "preference centre");
				case "IMPORT":
					return t("import d'un fichier", "file import");
				default:
					return t("saisie par un administrateur", "recorded by an administrator");
			}
		}

		private String evidenceLabel(String key) {
			switch (key) {
				case "formId":
					return t("Formulaire", "Form");
				case "ip":
					return t("Adresse IP", "IP address");
				case "userAgent":
					return t("Navigateur (user agent)", "Browser (user agent)");
				case "checkbox.prechecked":
					return t("Case pré-cochée", "Checkbox pre-ticked");
				case "checkbox.separateFromTerms":
					return t("Case distincte des conditions générales", "Checkbox separate from the terms");
				case "messageId":
					return t("Identifiant du message", "Message id");
				case "number":
					return t("Numéro d'origine", "Sending number");
				case "text":
					return t("Texte du message", "Message text");
				case "token":
					return t("Jeton du lien", "Link token");
				case "importId":
					return t("Import", "Import");
				case "originalProof":
					return t("Preuve d'origine déclarée", "Declared original proof");
				case "adminUser":
					return t("Administrateur", "Administrator");
				case "reason":
					return t("Motif écrit", "Written reason");
				case "reference":
					return t("Référence du responsable", "Controller's reference");
				default:
					return key;
			}
		}

		private String yesNo(JsonNode value) {
			if (value.isBoolean()) {
				return value.asBoolean() ? t("oui", "yes") : t("non", "no");
			}
			return value.isString() ? value.asString() : value.toString();
		}

		private void row(String label, String value) {
			html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
		}

		private String when(Instant instant) {
			return time.format(instant.atZone(zone)) + " " + zone.getId();
		}

		private String t(String french, String english) {
			return fr ? french : english;
		}
	}
}
