package org.optinel.suppression;

import java.text.Normalizer;

/**
 * Brings an inbound text to the form keywords are compared in (KW-01): compatibility forms
 * unfolded (full-width letters, ligatures), accents stripped, upper case, every run of
 * punctuation, symbols (emoji included) and white space made one space, trimmed.
 * {@code " Arrêt !"} and {@code "ARRET"} read the same; so do {@code "Stop-Pub"} and
 * {@code "STOP PUB"}. Invisible format characters (zero-width spaces and joiners) are dropped, so
 * that they cannot hide a word.
 *
 * <p>Pure and thread-safe; linear in the length of the text.
 */
public final class KeywordNormaliser {

	private KeywordNormaliser() {
	}

	/** The normalised text; empty for {@code null}, blank or symbol-only text. */
	public static String normalise(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String unfolded = Normalizer.normalize(text, Normalizer.Form.NFKD);
		StringBuilder out = new StringBuilder(unfolded.length());
		boolean pendingSpace = false;
		for (int i = 0; i < unfolded.length();) {
			int cp = unfolded.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
					|| type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
				continue;
			}
			if (!Character.isLetterOrDigit(cp)) {
				pendingSpace = out.length() > 0;
				continue;
			}
			if (pendingSpace) {
				out.append(' ');
				pendingSpace = false;
			}
			appendUpper(out, cp);
		}
		return out.toString();
	}

	/** The normalised text without its spaces: {@code "OPT OUT"} and {@code "OPTOUT"} compact alike. */
	public static String compact(String normalised) {
		return normalised.replace(" ", "");
	}

	/** Letters that NFKD leaves whole but that people write with plain letters. */
	private static void appendUpper(StringBuilder out, int cp) {
		switch (cp) {
			case 'œ':
			case 'Œ':
				out.append("OE");
				return;
			case 'æ':
			case 'Æ':
				out.append("AE");
				return;
			case 'ø':
			case 'Ø':
				out.append('O');
				return;
			case 'đ':
			case 'Đ':
				out.append('D');
				return;
			case 'ł':
			case 'Ł':
				out.append('L');
				return;
			case 'ı':
				out.append('I');
				return;
			default:
				// String case mapping, not per code point: 'ß' becomes "SS".
				out.append(new String(Character.toChars(cp)).toUpperCase(java.util.Locale.ROOT));
		}
	}
}
