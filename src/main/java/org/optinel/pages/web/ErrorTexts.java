package org.optinel.pages.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The French of the messages a hosted form's submission can be refused with. The services speak
 * English (the API's problems are in English); a person on a French page reads them in French.
 * A message with no translation here is shown as it is.
 */
final class ErrorTexts {

	private record Translation(Pattern english, String french) {
	}

	private static final List<Translation> FRENCH = List.of(
			new Translation(Pattern.compile("is required"), "est obligatoire"),
			new Translation(Pattern.compile("is empty; give an address such as (.+)"),
					"est vide ; saisissez une adresse comme $1"),
			new Translation(Pattern.compile("is empty; give a phone number such as (.+)"),
					"est vide ; saisissez un numéro comme $1"),
			new Translation(Pattern.compile("'(.*)' is not an email address \\(expected name@domain.tld\\)"),
					"« $1 » n'est pas une adresse e-mail (attendu : nom@domaine.fr)"),
			new Translation(Pattern.compile("'(.*)' is not a (?:valid )?(?:phone )?number.*", Pattern.DOTALL),
					"« $1 » n'est pas un numéro de téléphone valide"),
			new Translation(Pattern.compile("is longer than (\\d+) characters"), "dépasse $1 caractères"),
			new Translation(Pattern.compile("contains control characters"), "contient des caractères de contrôle"),
			new Translation(Pattern.compile("is needed for the SMS consent you ticked"),
					"est nécessaire pour le consentement par SMS que vous avez coché"),
			new Translation(Pattern.compile("is needed for the EMAIL consent you ticked"),
					"est nécessaire pour le consentement par e-mail que vous avez coché"),
			new Translation(Pattern.compile("and the phone number are known to us as two different people; send only "
					+ "one of them"),
					"et le numéro de téléphone correspondent chez nous à deux personnes différentes ; n'envoyez que l'un "
							+ "des deux"),
			new Translation(Pattern.compile("is not sent by this form's page"),
					"n'est pas envoyé par la page de ce formulaire"),
			new Translation(Pattern.compile("does not name a version of this form; reload the page"),
					"ne désigne aucune version de ce formulaire ; rechargez la page"));

	private ErrorTexts() {
	}

	/** {@code message} in the page's language: French when there is a translation, else as it is. */
	static String in(String language, String message) {
		if (!"fr".equals(language)) {
			return message;
		}
		for (Translation t : FRENCH) {
			Matcher m = t.english().matcher(message);
			if (m.matches()) {
				return m.replaceFirst(t.french());
			}
		}
		return message;
	}
}
