package org.optinel.pages.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import org.optinel.pages.FormDefinition;
import org.optinel.pages.FormManagement;
import org.optinel.pages.FormSubmission;
import org.optinel.pages.HostedForm;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A hosted form embedded in the tenant's own sites, the ones it declared in the form's
 * {@code embedOrigins}; the same rules hold as on the form's own page (GDPR-01 to GDPR-04).
 *
 * <ul>
 * <li>{@code /f/{key}?embed=1} is the page for an iframe: its {@code frame-ancestors} lists the
 * declared sites (only the framing site, when the browser named it in {@code Referer}), so no other
 * site can frame it; its next pages stay framed the same way.</li>
 * <li>{@code /f/{key}/embed.js} is a script for the site's own page: it fetches
 * {@code /f/{key}?fragment=1} and posts the answers back there with {@code fetch}. Those two answer
 * with CORS headers to a declared site only (preflights are answered by {@link EmbedPreflightFilter});
 * a POST from any other site is refused before it gets here ({@code web}'s origin check).</li>
 * </ul>
 * The evidence of an embedded answer says how it was embedded and, when known, in which site.
 */
@RestController
class EmbeddedFormController {

	private static final Set<String> OURS = Set.of(Framing.EMBED, Framing.FRAGMENT, Framing.ORIGIN, "origin");

	private static final String SCRIPT = script();

	private final FormManagement forms;

	private final FormAnswers answers;

	EmbeddedFormController(FormManagement forms, FormAnswers answers) {
		this.forms = forms;
		this.answers = answers;
	}

	@GetMapping(path = FormPageController.PATH + "{key}", params = { Framing.EMBED, "!" + Framing.FRAGMENT },
			produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The hosted form for an iframe in one of the form's embedOrigins (frame-ancestors lists them)")
	ResponseEntity<String> iframe(@PathVariable String key, @RequestParam(name = "lang", required = false) String lang,
			@RequestParam(name = "origin", required = false) String origin, HttpServletRequest request) {
		String language = FormPageController.language(lang, request);
		Optional<HostedForm> form = forms.published(key);
		if (form.isEmpty()) {
			return FormHtml.notFound(language);
		}
		List<String> declared = form.get().definition().embedOrigins();
		String site = declaredOrNull(origin, declared);
		if (site == null) {
			site = declaredOrNull(request.getHeader(HttpHeaders.REFERER), declared);
		}
		return FormHtml.form(HttpStatus.OK, forms.page(form.get(), language), List.of(), Map.of(),
				Framing.iframe(declared, site));
	}

	@GetMapping(path = FormPageController.PATH + "{key}", params = Framing.FRAGMENT, produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The hosted form as a fragment for embed.js; CORS for the form's embedOrigins only")
	ResponseEntity<String> fragment(@PathVariable String key, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request) {
		String language = FormPageController.language(lang, request);
		Optional<HostedForm> form = forms.published(key);
		if (form.isEmpty()) {
			return FormHtml.notFound(language);
		}
		return cors(FormHtml.form(HttpStatus.OK, forms.page(form.get(), language), List.of(), Map.of(),
				Framing.fragment(base(), null)), form.get(), request);
	}

	@PostMapping(path = FormPageController.PATH + "{key}", params = { Framing.EMBED, "!" + Framing.FRAGMENT },
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Send a hosted form shown in an iframe: as the page's own POST, with the embedding as evidence")
	ResponseEntity<String> submitFramed(@PathVariable String key, HttpServletRequest request) {
		Optional<HostedForm> latest = forms.published(key);
		if (latest.isEmpty()) {
			return FormHtml.notFound(FormDefinition.LANGUAGES.get(0));
		}
		List<String> declared = latest.get().definition().embedOrigins();
		String site = declaredOrNull(request.getParameter(Framing.ORIGIN), declared);
		return submit(key, latest.get(), request, Framing.iframe(declared, site),
				new FormSubmission.Embedding(FormSubmission.Via.IFRAME, site));
	}

	@PostMapping(path = FormPageController.PATH + "{key}", params = Framing.FRAGMENT,
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "Send a hosted form shown by embed.js; CORS for the form's embedOrigins only")
	ResponseEntity<String> submitFragment(@PathVariable String key, HttpServletRequest request) {
		Optional<HostedForm> latest = forms.published(key);
		if (latest.isEmpty()) {
			return FormHtml.notFound(FormDefinition.LANGUAGES.get(0));
		}
		// The origin check let through only a declared site or this service itself.
		String site = declaredOrNull(request.getHeader(HttpHeaders.ORIGIN), latest.get().definition().embedOrigins());
		return cors(submit(key, latest.get(), request, Framing.fragment(base(), site),
				new FormSubmission.Embedding(FormSubmission.Via.SCRIPT, site)), latest.get(), request);
	}

	@GetMapping(path = FormPageController.PATH + "{key}/embed.js")
	@Operation(summary = "The script that shows a hosted form inside a page of one of its embedOrigins")
	ResponseEntity<String> script(@PathVariable String key) {
		Optional<HostedForm> form = forms.published(key);
		if (form.isEmpty() || form.get().definition().embedOrigins().isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.TEXT_PLAIN)
				.body("This form does not exist, or declares no embedOrigins.\n");
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("X-Content-Type-Options", "nosniff")
			.contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
			.body(SCRIPT);
	}

	private ResponseEntity<String> submit(String key, HostedForm latest, HttpServletRequest request, Framing framing,
			FormSubmission.Embedding embedding) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!OURS.contains(name)) {
				params.put(name, Arrays.asList(values));
			}
		});
		return answers.submit(key, latest, params, request, framing, embedding);
	}


	/** Adds CORS headers for a declared site; any other site gets none, and its browser keeps the answer from it. */
	private static ResponseEntity<String> cors(ResponseEntity<String> response, HostedForm form,
			HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(response.getHeaders());
		headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (declaredOrNull(origin, form.definition().embedOrigins()) != null) {
			headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin.strip());
		}
		return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
	}

	/** The origin of {@code url} when it is one of {@code declared}, else {@code null}. */
	static String declaredOrNull(String url, List<String> declared) {
		if (url == null || url.isBlank() || declared.isEmpty()) {
			return null;
		}
		try {
			URI uri = new URI(url.strip());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			boolean standard = port < 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
			String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
			return declared.contains(origin) ? origin : null;
		}
		catch (URISyntaxException e) {
			return null;
		}
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	private static String script() {
		try (InputStream in = EmbeddedFormController.class.getResourceAsStream("embed.js")) {
			if (in == null) {
				throw new IllegalStateException("embed.js is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
