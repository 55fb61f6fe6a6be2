package org.optinel.pages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * The words of a double opt-in confirmation, in the language the form was shown in (French, or
 * English): the email's subject, text and HTML parts, and the SMS. They say who asks, what for,
 * how to confirm and until when, and that ignoring the message records nothing.
 */
final class ConfirmationMessages {

	private final boolean english;

	private final ZoneId zone;

	private final String brand;

	private final String controller;

	ConfirmationMessages(String language, ZoneId zone, String brand, String controller) {
		this.english = "en".equals(language);
		this.zone = zone;
		this.brand = brand;
		this.controller = controller;
	}

	String subject() {
		return english ? "Please confirm your subscription – " + brand : "Confirmez votre inscription – " + brand;
	}

	String emailText(List<FormConfirmations.Described> items, String link, Instant expiresAt) {
		StringBuilder text = new StringBuilder(english ? "Hello,\n\nYou asked " + controller + " to send you:\n"
				: "Bonjour,\n\nVous avez demandé à " + controller + " de vous envoyer :\n");
		for (FormConfirmations.Described item : items) {
			text.append("- ").append(item.purposeName()).append(" (").append(item.noticeText()).append(")\n");
		}
		text.append(english ? "\nTo confirm, open this link and press the “Confirm” button:\n"
				: "\nPour confirmer, ouvrez ce lien puis appuyez sur le bouton « Confirmer » :\n");
		text.append(link).append("\n\n");
		text.append(english ? "The link works until " + date(expiresAt) + ". If you did not ask for this, ignore this "
				+ "email: nothing will be recorded and you will receive nothing more.\n"
				: "Le lien fonctionne jusqu'au " + date(expiresAt) + ". Si vous n'êtes pas à l'origine de cette "
						+ "demande, ignorez cet e-mail : rien ne sera enregistré et vous ne recevrez rien d'autre.\n");
		return text.toString();
	}

	String emailHtml(List<FormConfirmations.Described> items, String link, Instant expiresAt) {
		StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"").append(english ? "en" : "fr")
			.append("\"><body>\n<p>")
			.append(english ? "Hello," : "Bonjour,")
			.append("</p>\n<p>")
			.append(english ? "You asked " + e(controller) + " to send you:" : "Vous avez demandé à " + e(controller)
					+ " de vous envoyer&nbsp;:")
			.append("</p>\n<ul>\n");
		for (FormConfirmations.Described item : items) {
			html.append("<li><strong>").append(e(item.purposeName())).append("</strong>: ").append(e(item.noticeText()))
				.append("</li>\n");
		}
		html.append("</ul>\n<p><a href=\"").append(e(link)).append("\">")
			.append(english ? "Confirm my subscription" : "Confirmer mon inscription")
			.append("</a></p>\n<p>")
			.append(english ? "The link works until " + e(date(expiresAt)) + ". If you did not ask for this, ignore "
					+ "this email: nothing will be recorded."
					: "Le lien fonctionne jusqu'au " + e(date(expiresAt)) + ". Si vous n'êtes pas à l'origine de cette "
							+ "demande, ignorez cet e-mail&nbsp;: rien ne sera enregistré.")
			.append("</p>\n</body></html>\n");
		return html.toString();
	}

	/** One code, or each code named by the purpose it confirms. */
	String sms(List<FormConfirmations.Described> items, List<String> codes) {
		StringBuilder text = new StringBuilder(brand).append(english ? ": " : " : ");
		if (codes.size() == 1) {
			text.append(english ? "your confirmation code is " : "votre code de confirmation est ").append(codes.get(0));
		}
		else {
			text.append(english ? "your confirmation codes: " : "vos codes de confirmation : ");
			for (int i = 0; i < codes.size(); i++) {
				text.append(i == 0 ? "" : ", ").append(items.get(i).purposeName()).append(' ').append(codes.get(i));
			}
		}
		return text.append('.').toString();
	}

	private String date(Instant at) {
		DateTimeFormatter format = english
				? DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm (VV)", Locale.ENGLISH)
				: DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm (VV)", Locale.FRENCH);
		return format.format(at.atZone(zone));
	}

	private static String e(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}
}
