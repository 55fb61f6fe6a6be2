package org.optinel.messaging.sender;

import org.optinel.suppression.KeywordNormaliser;

/**
 * Whether a text carries a phrase as a reader sees it: case, accents, punctuation and runs of
 * spaces do not count, so {@code "Stop  au 36111."} carries {@code "STOP au 36111"}. The phrase
 * must stand as whole words: the brand {@code Bio} is not carried by {@code biologique}. The
 * normalisation is that of inbound keywords (KW-01), so a mention reads the same both ways.
 */
final class Phrases {

	private Phrases() {
	}

	/** Whether {@code text} holds {@code phrase} as whole words; never for a phrase without letters or digits. */
	static boolean carries(String text, String phrase) {
		String wanted = KeywordNormaliser.normalise(phrase);
		if (wanted.isEmpty()) {
			return false;
		}
		return (" " + KeywordNormaliser.normalise(text) + " ").contains(" " + wanted + " ");
	}

	/**
	 * The text in the form {@link #within} searches: normalised once, when several phrases are
	 * looked for in the same text.
	 */
	static String searchable(String text) {
		return " " + KeywordNormaliser.normalise(text) + " ";
	}

	/** Whether a {@link #searchable} text holds {@code phrase} as whole words, as {@link #carries} answers. */
	static boolean within(String searchable, String phrase) {
		String wanted = KeywordNormaliser.normalise(phrase);
		return !wanted.isEmpty() && searchable.contains(" " + wanted + " ");
	}

	/** The text reduced to its letters and digits, upper case, accents stripped: {@code "Acme-Shop"} is {@code ACMESHOP}. */
	static String compact(String text) {
		return KeywordNormaliser.compact(KeywordNormaliser.normalise(text));
	}

	/** Whether {@code text} has a letter or a digit. */
	static boolean hasLetterOrDigit(String text) {
		return !KeywordNormaliser.normalise(text).isEmpty();
	}
}
