package org.optinel.suppression;

import java.util.Objects;

/**
 * What an inbound text means under a tenant's {@link Keywords}.
 *
 * @param kind what the person asked for; {@link Kind#NONE} for any other text
 * @param keyword the keyword that matched, in its normalised form; {@code null} for {@link Kind#NONE}
 * @param wholeMessage true when the whole message is the keyword, false when the text only contains
 *     {@code STOP} as a word (an opt-out all the same, KW-01)
 */
public record KeywordMatch(Kind kind, String keyword, boolean wholeMessage) {

	/** Text that is no keyword. */
	public static final KeywordMatch NONE = new KeywordMatch(Kind.NONE, null, false);

	/** What a keyword asks for. */
	public enum Kind {
		/** Stop the messages (KW-01). */
		OPT_OUT,
		/** Resume them, from the suppressed number itself (KW-02). */
		OPT_IN,
		/** Who is writing and how to stop (KW-03). */
		HELP,
		/** Any other text. */
		NONE
	}

	public KeywordMatch {
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.NONE) != (keyword == null)) {
			throw new IllegalArgumentException("a keyword match names its keyword, and only a keyword match does");
		}
	}

	public boolean isOptOut() {
		return kind == Kind.OPT_OUT;
	}
}
