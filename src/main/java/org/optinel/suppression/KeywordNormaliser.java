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
		return isAscii(text) ? normaliseAscii(text) : normaliseUnicode(text);
	}

	/** The general case, for any text; package-private so that tests compare the ASCII fast path with it. */
	static String normaliseUnicode(String text) {
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

	/**
	 * The same result for plain ASCII, which NFKD leaves as it is and which holds no mark or format
	 * character: without the unfolding and the case mapping per code point, several times faster
	 * (campaigns check every SMS they queue).
	 */
	private static String normaliseAscii(String text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean pendingSpace = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean upper = c >= 'A' && c <= 'Z';
			boolean lower = c >= 'a' && c <= 'z';
			if (!upper && !lower && (c < '0' || c > '9')) {
				pendingSpace = out.length() > 0;
				continue;
			}
			if (pendingSpace) {
				out.append(' ');
				pendingSpace = false;
			}
			out.append(lower ? (char) (c - ('a' - 'A')) : c);
		}
		return out.toString();
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** The normalised text without its spaces: {@code "OPT OUT"} and {@code "OPTOUT"} compact alike. */
	public static String compact(String normalised) {
		return normalised.replace(" ", "");
	}

	/** Letters that NFKD leaves whole but that people write with plain letters. */
	private static void appendUpper(StringBuilder out, int cp) {
		if (cp < 0x80) {
			// After NFKD most of a Latin text is ASCII (an accent is a mark of its own): no String per letter.
			out.append(cp >= 'a' && cp <= 'z' ? (char) (cp - ('a' - 'A')) : (char) cp);
			return;
		}
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
