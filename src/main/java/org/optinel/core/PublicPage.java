package org.optinel.core;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The response of a public page (no login): HTML in UTF-8, never stored by a cache, no referrer
 * sent on, no type sniffing, and the page's own Content-Security-Policy.
 */
public final class PublicPage {

	private PublicPage() {
	}

	/**
	 * A response builder with the public pages' headers; the caller adds the body.
	 * @param csp the page's Content-Security-Policy; {@code null} for a fragment that another page takes in
	 */
	public static ResponseEntity.BodyBuilder html(HttpStatus status, String csp) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
		if (csp != null) {
			response.header("Content-Security-Policy", csp);
		}
		return response.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
	}
}
