package org.optinel.pages.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a hosted form is shown: on its own page, inside an iframe of one of the sites the tenant
 * declared, or as a fragment that {@code embed.js} puts into such a site's page. It decides the
 * links and the form's action (so that the next page stays embedded the same way) and the
 * {@code frame-ancestors} of the page.
 *
 * @param base this service's own address, for the absolute links of a fragment; empty otherwise
 * @param frameAncestors the sites that may frame the page; {@code 'none'} when empty
 * @param embedOrigin the site the form is embedded in, when it is known
 */
record Framing(Mode mode, String base, List<String> frameAncestors, String embedOrigin) {

	/** The parameter that asks for the iframe variant. */
	static final String EMBED = "embed";

	/** The parameter that asks for the fragment that embed.js inserts. */
	static final String FRAGMENT = "fragment";

	/** The hidden field that carries the embedding site through the iframe's own pages. */
	static final String ORIGIN = "embedOrigin";

	static final Framing STANDALONE = new Framing(Mode.STANDALONE, "", List.of(), null);

	Framing {
		frameAncestors = List.copyOf(frameAncestors);
	}

	enum Mode {
		STANDALONE, IFRAME, FRAGMENT
	}

	static Framing iframe(List<String> declared, String origin) {
		// A known site is the only one allowed to frame: the browser then vouches for the evidence.
		return new Framing(Mode.IFRAME, "", origin == null ? declared : List.of(origin), origin);
	}

	static Framing fragment(String base, String origin) {
		return new Framing(Mode.FRAGMENT, base, List.of(), origin);
	}

	boolean fragment() {
		return mode == Mode.FRAGMENT;
	}

	/** Where the form posts to. */
	String action(String key) {
		return base + FormPageController.PATH + key + query(null);
	}

	/** The same form in the other language. */
	String inLanguage(String key, String language) {
		return base + FormPageController.PATH + key + query(language);
	}

	/** The {@code frame-ancestors} source list. */
	String ancestors() {
		return mode != Mode.IFRAME || frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors);
	}

	private String query(String language) {
		StringBuilder query = new StringBuilder();
		if (mode == Mode.IFRAME) {
			query.append('?').append(EMBED).append("=1");
			if (embedOrigin != null && language != null) {
				query.append("&origin=").append(URLEncoder.encode(embedOrigin, StandardCharsets.UTF_8));
			}
		}
		else if (mode == Mode.FRAGMENT) {
			query.append('?').append(FRAGMENT).append("=1");
		}
		if (language != null) {
			query.append(query.length() == 0 ? '?' : '&').append("lang=").append(language);
		}
		return query.toString();
	}
}
