package org.optinel.preferences;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A preference-centre link as issued: the absolute URL to give the person, the token in it, and
 * when it stops working.
 */
public record IssuedLink(URI url, String token, Instant expiresAt) {

	public IssuedLink {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}
}
