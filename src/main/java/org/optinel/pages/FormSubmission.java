package org.optinel.pages;

import java.util.List;
import java.util.Map;

/**
 * A hosted form as a browser sent it: every parameter with all its values, and where it came from.
 * The parameters are judged against the page that was shown: one the page never sends means the
 * submission was made up or altered.
 */
public record FormSubmission(Map<String, List<String>> parameters, String ip, String userAgent, Embedding embedding) {

	/** The name of the parameter that carries the language the page was shown in. */
	public static final String LANGUAGE = "lang";

	/** The name of the parameter that carries the version of the form that was shown. */
	public static final String VERSION = "version";

	/** The name of the terms checkbox, when the form has one. */
	public static final String TERMS = "terms";

	/** The value a ticked box sends. */
	public static final String TICKED = "yes";

	public FormSubmission {
		parameters = Map.copyOf(parameters);
	}

	/** A submission from the form's own page, not embedded in another site. */
	public FormSubmission(Map<String, List<String>> parameters, String ip, String userAgent) {
		this(parameters, ip, userAgent, null);
	}

	/**
	 * How an embedded form was shown on one of the tenant's sites: in an iframe or by its script,
	 * and the site's origin when it is known (always for the script, which the browser's
	 * {@code Origin} names; for an iframe when the browser said which page framed it).
	 */
	public record Embedding(Via via, String origin) {

		public Embedding {
			java.util.Objects.requireNonNull(via, "via");
		}
	}

	/** The two ways to embed a form. */
	public enum Via {
		IFRAME, SCRIPT
	}

	/** The name of the checkbox of ask {@code index}. */
	public static String ask(int index) {
		return "ask" + index;
	}
}
