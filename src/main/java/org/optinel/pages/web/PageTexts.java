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
	LAST_NAME("Nom", "Last name"),
	CHECK_EMAIL("Dernière étape : nous venons de vous envoyer un e-mail. Ouvrez le lien qu'il contient pour confirmer ; "
			+ "tant que vous n'avez pas confirmé, nous ne vous enverrons rien par e-mail.",
			"One last step: we have just sent you an email. Open its link to confirm; until you do, we will send you "
					+ "nothing by email."),
	CHECK_SMS("Dernière étape : nous venons de vous envoyer un code par SMS. Saisissez-le ci-dessous pour confirmer ; "
			+ "tant que vous n'avez pas confirmé, nous ne vous enverrons rien par SMS.",
			"One last step: we have just sent you a code by text message. Enter it below to confirm; until you do, we "
					+ "will send you nothing by text message."),
	CHECK_SMS_ELSEWHERE("Dernière étape : nous venons de vous envoyer un code par SMS. Saisissez-le sur cette page ; "
			+ "tant que vous n'avez pas confirmé, nous ne vous enverrons rien par SMS :",
			"One last step: we have just sent you a code by text message. Enter it on this page; until you do, we will "
					+ "send you nothing by text message:"),
	ENTER_CODE("saisir le code (nouvel onglet)", "enter the code (new tab)"),
	CODE("Code reçu par SMS (6 chiffres)", "Code received by text message (6 digits)"),
	CODE_FOR("Code reçu par SMS pour", "Code received by text message for"),
	CONFIRM_TITLE("Confirmez votre inscription", "Confirm your subscription"),
	CONFIRM_ASKED("Vous avez demandé à recevoir :", "You asked to receive:"),
	CONFIRM_BUTTON("Confirmer", "Confirm"),
	CONFIRM_IGNORE("Si vous n'êtes pas à l'origine de cette demande, fermez simplement cette page : rien ne sera enregistré.",
			"If you did not ask for this, just close this page: nothing will be recorded."),
	BY_EMAIL("par e-mail", "by email"),
	BY_SMS("par SMS", "by text message"),
	CONFIRMED_TITLE("Inscription confirmée", "Subscription confirmed"),
	CONFIRMED("Merci, c'est confirmé. Votre consentement est enregistré pour :",
			"Thank you, it is confirmed. Your consent is recorded for:"),
	INVALID_LINK_TITLE("Lien non valide", "Invalid link"),
	INVALID_LINK("Ce lien n'est pas valide : vérifiez qu'il est complet. Rien n'a été modifié.",
			"This link is not valid: check that it is complete. Nothing was changed."),
	EXPIRED_TITLE("Confirmation expirée", "Confirmation expired"),
	EXPIRED("Cette confirmation a expiré ou a été trop souvent mal saisie : elle ne confirme plus rien. Remplissez à "
			+ "nouveau le formulaire pour en recevoir une nouvelle.",
			"This confirmation has expired or was entered wrongly too often: it no longer confirms anything. Fill in "
					+ "the form again to receive a new one."),
	SUPERSEDED_TITLE("Consentement retiré", "Consent withdrawn"),
	SUPERSEDED("Vous avez retiré ou refusé ce consentement depuis votre demande : cette confirmation ne le redonne pas. "
			+ "Remplissez à nouveau le formulaire si vous le souhaitez.",
			"You withdrew or refused this consent after asking: this confirmation does not give it again. Fill in the "
					+ "form again if you wish."),
	UNPROVEN("Votre navigateur n'a pas envoyé son identification (user agent) : la confirmation ne peut pas être prouvée "
			+ "et rien n'a été enregistré.",
			"Your browser did not send its identification (user agent): the confirmation cannot be proven and nothing "
					+ "was recorded."),
	WRONG_CODE("Ce code ne correspond pas. Essais restants :", "This code does not match. Attempts left:"),
	MISSING_CODE("Saisissez le code reçu par SMS.", "Enter the code you received by text message."),
	UNDELIVERABLE("Nous ne pouvons pas envoyer la confirmation pour le moment : rien n'a été enregistré. Réessayez plus "
			+ "tard.", "We cannot send the confirmation at the moment: nothing was recorded. Please try again later.");

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
