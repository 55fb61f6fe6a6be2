package org.optinel.core;

import java.net.URI;

/** Where problem types live: {@code type} is {@code https://optinel.org/problems/<slug>}. */
public final class Problems {

	public static final String BASE = "https://optinel.org/problems/";

	private Problems() {
	}

	public static URI type(String slug) {
		return URI.create(BASE + slug);
	}
}
