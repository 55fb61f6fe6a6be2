package org.optinel.preferences.web;

/** The fixed words of the preference centre's pages, in French and English. */
enum PreferenceTexts {

	TITLE("Vos préférences", "Your preferences"),
	INTRO("Choisissez ce que %s peut vous envoyer, canal par canal et sujet par sujet. Une case cochée est votre choix actuel ; décochez-la pour ne plus recevoir ces messages.",
			"Choose what %s may send you, channel by channel and topic by topic. A ticked box is your current choice; untick it to stop those messages."),
	SMS("Par SMS", "By text message"),
	EMAIL("Par e-mail", "By email"),
	NOW("actuellement", "now"),
	GRANTED("accepté", "accepted"),
	WITHDRAWN("retiré", "withdrawn"),
	DENIED("refusé", "declined"),
	PENDING("en attente de confirmation", "awaiting confirmation"),
	UNPROVEN("non confirmé", "not confirmed"),
	NEVER("pas de réponse", "no answer"),
	STOPPED("vous avez arrêté ce canal ; cochez pour recevoir de nouveau", "you stopped this channel; tick to receive again"),
	NO_NOTICE("ne peut pas être choisi ici", "cannot be chosen here"),
	FALLBACK("Ce texte n'existe pas en français ; voici sa version en anglais.",
			"This text is not available in English; here is its French version."),
	FALLBACK_OTHER("Ce texte n'existe pas en français ; voici la version disponible.",
			"This text is not available in English; here is the version we have."),
	SAVE("Enregistrer mes choix", "Save my choices"),
	STOP_ALL("Tout arrêter", "Stop everything"),
	STOP_ALL_TEXT("Ne plus rien recevoir de %s, ni par SMS ni par e-mail : vos numéros et adresses sont mis sur notre liste d'opposition et tous vos consentements sont retirés.",
			"Receive nothing more from %s, by text message or email: your number and address go on our opt-out list and every consent you gave is withdrawn."),
	STOP_BUTTON("Ne plus rien recevoir", "Stop all messages"),
	NOTHING_TO_CHOOSE("Nous n'avons aucun message à vous proposer pour l'instant.", "We have no messages to offer you yet."),
	SAVED_TITLE("Vos choix sont enregistrés", "Your choices are saved"),
	STOPPED_TITLE("Vous ne recevrez plus rien", "You will receive nothing more"),
	CHANGED("Ce qui a changé :", "What changed:"),
	NOTHING_CHANGED("Vous n'avez rien changé : nous n'avons rien enregistré.", "You changed nothing: nothing was recorded."),
	CHANGE_GRANTED("%s, %s : accepté", "%s, %s: accepted"),
	CHANGE_WITHDRAWN("%s, %s : retiré", "%s, %s: withdrawn"),
	CHANGE_RESUMED("%s : vous pouvez de nouveau recevoir nos messages sur ce canal", "%s: you can receive our messages on this channel again"),
	CHANGE_STOPPED("%s : arrêté, plus aucun message sur ce canal", "%s: stopped, no more messages on this channel"),
	BACK("Revenir à mes préférences", "Back to my preferences"),
	SWITCH("English", "Français"),
	INVALID_TITLE("Lien non valide", "Invalid link"),
	INVALID("Ce lien vers vos préférences n'est pas valide. Rien n'a été modifié.",
			"This link to your preferences is not valid. Nothing was changed."),
	EXPIRED_TITLE("Lien expiré", "Expired link"),
	EXPIRED("Ce lien vers vos préférences a expiré. Rien n'a été modifié. Demandez un nouveau lien à l'expéditeur de vos messages (par SMS, répondez PREF).",
			"This link to your preferences has expired. Nothing was changed. Ask the sender of your messages for a new one (by text message, reply PREF)."),
	REFUSED_TITLE("Choix non enregistrés", "Choices not saved"),
	REFUSED("Cet envoi ne correspond pas à la page affichée : rien n'a été enregistré.",
			"This submission does not match the page that was shown: nothing was recorded.");

	private final String fr;

	private final String en;

	PreferenceTexts(String fr, String en) {
		this.fr = fr;
		this.en = en;
	}

	String in(String language) {
		return "en".equals(language) ? en : fr;
	}
}
