package org.optinel.pages.web;

import java.util.Map;

/** The fixed words of the public form pages, in French and English. */
enum PageTexts {

	CONTROLLER("Responsable du traitement", "Data controller"),
	DETAILS("Vos coordonnées", "Your details"),
	CHOICES("Vos choix (facultatifs : cochez ce que vous acceptez)", "Your choices (optional: tick what you agree to)"),
	TERMS("Conditions générales", "Terms and conditions"),
	REQUIRED("obligatoire", "required"),
	SUBMIT("Envoyer", "Send"),
	PRIVACY("Politique de confidentialité", "Privacy policy"),
	WITHDRAW("Vous pouvez retirer votre consentement à tout moment, aussi simplement que vous l'avez donné :",
			"You can withdraw your consent at any time, as easily as you gave it:"),
	WITHDRAW_SMS("répondez STOP à nos SMS", "reply STOP to our text messages"),
	WITHDRAW_EMAIL("cliquez sur le lien de désabonnement de nos e-mails", "click the unsubscribe link in our emails"),
	WITHDRAW_CENTRE("ou utilisez notre centre de préférences.", "or use our preference centre."),
	SWITCH("English", "Français"),
	THANKS("Merci, votre réponse a été enregistrée.", "Thank you, your answer has been recorded."),
	NOTHING("Vous n'avez rien coché : nous n'avons rien enregistré.", "You ticked nothing: nothing was recorded."),
	ERRORS("Le formulaire n'a pas été envoyé. Corrigez ceci :", "The form was not sent. Please correct this:"),
	REFUSED("Cet envoi ne correspond pas au formulaire affiché : rien n'a été enregistré.",
			"This submission does not match the form that was shown: nothing was recorded."),
	NOT_FOUND("Ce formulaire n'existe pas.", "This form does not exist."),
	EMAIL("Adresse e-mail", "Email address"),
	PHONE("Téléphone mobile", "Mobile phone"),
	FIRST_NAME("Prénom", "First name"),
	LAST_NAME("Nom", "Last name");

	private static final Map<String, PageTexts> FIELDS = Map.of("email", EMAIL, "phone", PHONE, "firstName", FIRST_NAME,
			"lastName", LAST_NAME);

	private final String fr;

	private final String en;

	PageTexts(String fr, String en) {
		this.fr = fr;
		this.en = en;
	}

	String in(String language) {
		return "en".equals(language) ? en : fr;
	}

	/** The label of a form field, or the field's own name for anything else. */
	static String field(String name, String language) {
		PageTexts label = FIELDS.get(name);
		return label == null ? name : label.in(language);
	}
}
