package org.optinel.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.optinel.core.FieldViolation;
import org.optinel.core.OptinelException;
import org.optinel.core.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as an RFC 9457 problem document with a stable {@code type}
 * ({@code https://optinel.org/problems/<slug>}), a detail that tells the caller what to fix and,
 * for bad fields, an {@code errors} list of {@code field} and {@code message}. Only our own faults
 * answer 500, and those are logged.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@ExceptionHandler(OptinelException.class)
	ResponseEntity<ProblemDetail> optinel(OptinelException e) {
		ProblemDetail problem = problem(e.kind().status(), e.type(), e.title(), e.detail());
		e.properties().forEach(problem::setProperty);
		return respond(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
		String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
		return invalid(400, "invalid-parameter", "Invalid parameter", e.getName(),
				"'" + e.getValue() + "' is not " + expected);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException e) {
		if (e instanceof MaxUploadSizeExceededException || causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class) != null) {
			return respond(problem(413, "body-too-large", "Request body too large", "The uploaded file is too large."));
		}
		return respond(problem(400, "malformed-multipart", "Malformed upload",
				"The multipart body could not be read: send the file as form field 'file'."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
		log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
		return respond(problem(500, "internal-error", "Internal error",
				"Something failed on our side; nothing you sent was at fault. The error was logged."));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		BodySizeLimitFilter.BodyTooLargeException tooLarge = causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class);
		if (tooLarge != null) {
			ProblemDetail problem = problem(413, "body-too-large", "Request body too large", tooLargeDetail(tooLarge.limit));
			problem.setProperty("limit", tooLarge.limit);
			return cast(respond(problem));
		}
		OptinelException domain = causedBy(e, OptinelException.class);
		if (domain != null) {
			return cast(optinel(domain));
		}
		UnrecognizedPropertyException unknown = causedBy(e, UnrecognizedPropertyException.class);
		if (unknown != null) {
			String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds()
				.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
			return cast(invalid(400, "unknown-field", "Unknown field", path(unknown),
					"is not a field of this request" + (known.isEmpty() ? "" : "; known fields: " + known)));
		}
		InvalidFormatException format = causedBy(e, InvalidFormatException.class);
		if (format != null) {
			return cast(invalid(400, "invalid-field-type", "Invalid field value", path(format),
					"'" + format.getValue() + "' is not " + describe(format.getTargetType())));
		}
		ValueInstantiationException instantiation = causedBy(e, ValueInstantiationException.class);
		if (instantiation != null) {
			Throwable cause = instantiation.getCause() == null ? instantiation : instantiation.getCause();
			return cast(invalid(400, "invalid-field-type", "Invalid field value", path(instantiation), cause.getMessage()));
		}
		MismatchedInputException mismatch = causedBy(e, MismatchedInputException.class);
		if (mismatch != null) {
			String field = path(mismatch);
			if (field.isEmpty()) {
				return cast(respond(problem(400, "malformed-body", "Malformed request body",
						"The body must be a JSON object; " + mismatch.getOriginalMessage())));
			}
			return cast(invalid(400, "invalid-field-type", "Invalid field value", field,
					"expected " + describe(mismatch.getTargetType())));
		}
		StreamReadException syntax = causedBy(e, StreamReadException.class);
		String where = syntax != null && syntax.getLocation() != null
				? " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr() : "";
		return cast(respond(problem(400, "malformed-body", "Malformed request body",
				"The body is not valid JSON" + where + ": send one JSON object with Content-Type application/json.")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(invalid(400, "missing-parameter", "Missing parameter", e.getParameterName(),
				"is required (" + e.getParameterType() + ")"));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(415, "unsupported-media-type", "Unsupported media type",
				"Content-Type " + e.getContentType() + " is not accepted here; use one of " + e.getSupportedMediaTypes() + ".");
		return new ResponseEntity<>(problem, headers, 415);
	}

	/** Gives Spring's own problems (404, 405, 406...) our type URIs while keeping their status. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ResponseEntity<Object> entity = super.handleExceptionInternal(e, body, headers, status, request);
		if (entity != null && entity.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			HttpStatus known = HttpStatus.resolve(status.value());
			String slug = known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
			problem.setType(Problems.type(slug));
		}
		return entity;
	}

	static String tooLargeDetail(long limit) {
		return "The request body is larger than the " + limit + " bytes accepted here; send less at a time.";
	}

	private static ResponseEntity<ProblemDetail> invalid(int status, String type, String title, String field, String message) {
		ProblemDetail problem = problem(status, type, title, field + ": " + message);
		problem.setProperty("errors", List.of(new FieldViolation(field, message)));
		return respond(problem);
	}

	private static ProblemDetail problem(int status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setType(Problems.type(type));
		problem.setTitle(title);
		return problem;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> cast(ResponseEntity<?> entity) {
		return (ResponseEntity) entity;
	}

	/** The JSON path of the failing field, as {@code consents[2].channel}. */
	private static String path(JacksonException e) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : e.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "of the expected type";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
				.collect(Collectors.joining(", "));
		}
		Map<Class<?>, String> names = Map.of(java.time.Instant.class,
				"an ISO 8601 instant with offset, e.g. 2025-03-01T09:30:00+01:00", Boolean.class, "true or false",
				boolean.class, "true or false", Integer.class, "an integer", int.class, "an integer", String.class,
				"a string", java.util.UUID.class, "an id (UUID)");
		return names.getOrDefault(type, "a " + type.getSimpleName());
	}

	private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}
}
