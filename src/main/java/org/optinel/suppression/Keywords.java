package org.optinel.suppression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

/**
 * A tenant's SMS keywords: the words that stop messages (KW-01), that resume them (KW-02) and that
 * ask for help (KW-03), each kept in its {@link KeywordNormaliser normalised} form.
 *
 * <p>A message matches a keyword when the whole message, normalised, is that keyword; spaces do not
 * count, so {@code "OPT OUT"}, {@code "Opt-out"} and {@code "optout"} are one keyword. A message that
 * is no keyword but holds {@code STOP} as a word ({@code "please stop"}, {@code "non stop"}) is an
 * opt-out too: in doubt, the person's side wins. {@code STOP} must be a whole word there:
 * {@code "stopped"} or {@code "stopover"} are not opt-outs.
 *
 * <p>Invariants, checked on construction: {@code STOP} is always an opt-out word (it is mandatory in
 * France and honoured everywhere); no word belongs to two sets; every word holds letters or digits
 * and at most {@value #MAX_WORD_LENGTH} characters; each set holds at most {@value #MAX_WORDS} words.
 */
public record Keywords(Set<String> optOut, Set<String> optIn, Set<String> help) {

	/** The opt-out word no tenant may drop. */
	public static final String STOP = "STOP";

	public static final int MAX_WORD_LENGTH = 40;

	public static final int MAX_WORDS = 50;

	/** The defaults of KW-01, KW-02 and KW-03, in French and English. */
	public static final Keywords DEFAULTS = new Keywords(
			List.of("STOP", "ARRET", "STOP SMS", "STOP PUB", "STOPPER", "DESABONNER", "DESINSCRIRE", "UNSUBSCRIBE",
					"STOPALL", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT", "OPT OUT"),
			List.of("START", "UNSTOP", "OUI", "YES"), List.of("AIDE", "HELP", "INFO", "CONTACT"));

	/**
	 * Normalises the words and checks the invariants.
	 * @throws InvalidInputException naming {@code optOut}, {@code optIn} or {@code help} and what is wrong
	 */
	public Keywords {
		List<FieldViolation> violations = new ArrayList<>();
		optOut = normalised("optOut", optOut, violations);
		optIn = normalised("optIn", optIn, violations);
		help = normalised("help", help, violations);
		if (!optOut.contains(STOP)) {
			violations.add(new FieldViolation("optOut", "must keep STOP: it is the opt-out word every person may "
					+ "rely on (mandatory in France, KW-01)"));
		}
		Map<String, String> owner = new HashMap<>();
		claim(owner, "optOut", optOut, violations);
		claim(owner, "optIn", optIn, violations);
		claim(owner, "help", help, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
	}

	/** The keywords from lists as a caller gives them; {@code null} lists read as empty. */
	public Keywords(Collection<String> optOut, Collection<String> optIn, Collection<String> help) {
		this(copy(optOut), copy(optIn), copy(help));
	}

	/** What {@code text} asks for (KW-01, KW-02, KW-03). */
	public KeywordMatch match(String text) {
		String normalised = KeywordNormaliser.normalise(text);
		if (normalised.isEmpty()) {
			return KeywordMatch.NONE;
		}
		// The keyword as written first, so that "OPT OUT" names OPT OUT and not OPTOUT; then spaces aside.
		for (boolean compacted : new boolean[] { false, true }) {
			String form = compacted ? KeywordNormaliser.compact(normalised) : normalised;
			KeywordMatch whole = whole(form, compacted, optOut, KeywordMatch.Kind.OPT_OUT);
			if (whole == null) {
				whole = whole(form, compacted, optIn, KeywordMatch.Kind.OPT_IN);
			}
			if (whole == null) {
				whole = whole(form, compacted, help, KeywordMatch.Kind.HELP);
			}
			if (whole != null) {
				return whole;
			}
		}
		for (String word : normalised.split(" ")) {
			if (word.equals(STOP)) {
				return new KeywordMatch(KeywordMatch.Kind.OPT_OUT, STOP, false);
			}
		}
		return KeywordMatch.NONE;
	}

	private static KeywordMatch whole(String text, boolean compacted, Set<String> words, KeywordMatch.Kind kind) {
		for (String word : words) {
			if ((compacted ? KeywordNormaliser.compact(word) : word).equals(text)) {
				return new KeywordMatch(kind, word, true);
			}
		}
		return null;
	}

	private static Set<String> copy(Collection<String> words) {
		if (words == null) {
			return Set.of();
		}
		Set<String> copy = new LinkedHashSet<>();
		for (String word : words) {
			copy.add(word); // nulls are reported by the canonical constructor
		}
		return copy;
	}

	private static Set<String> normalised(String field, Set<String> words, List<FieldViolation> violations) {
		if (words == null) {
			return Set.of();
		}
		if (words.size() > MAX_WORDS) {
			violations.add(new FieldViolation(field, "holds " + words.size() + " words; at most " + MAX_WORDS));
			return Set.of();
		}
		Set<String> out = new LinkedHashSet<>();
		for (String word : words) {
			if (word != null && word.length() > MAX_WORD_LENGTH * 4) {
				violations.add(new FieldViolation(field, "a word is " + word.length() + " characters long; at most "
						+ MAX_WORD_LENGTH));
				continue;
			}
			String n = KeywordNormaliser.normalise(word);
			if (n.isEmpty()) {
				violations.add(new FieldViolation(field, "'" + (word == null ? "null" : word)
						+ "' holds no letter or digit, so no message could match it"));
			}
			else if (n.length() > MAX_WORD_LENGTH) {
				violations.add(new FieldViolation(field, "'" + n + "' is longer than " + MAX_WORD_LENGTH + " characters"));
			}
			else {
				out.add(n);
			}
		}
		return java.util.Collections.unmodifiableSet(out);
	}

	/** Refuses a word (spaces aside) that another set already holds. */
	private static void claim(Map<String, String> owner, String field, Set<String> words,
			List<FieldViolation> violations) {
		for (String word : words) {
			String before = owner.putIfAbsent(KeywordNormaliser.compact(word), field);
			if (before != null && !before.equals(field)) {
				violations.add(new FieldViolation(field, "'" + word + "' is already a word of " + before
						+ "; a word can ask for one thing only"));
			}
			if (!field.equals("optOut") && java.util.Arrays.asList(word.split(" ")).contains(STOP)) {
				violations.add(new FieldViolation(field, "'" + word + "' holds the word STOP, which always stops "
						+ "messages (KW-01)"));
			}
		}
	}
}
