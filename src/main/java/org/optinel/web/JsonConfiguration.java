package org.optinel.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads request bodies strictly: a value of the wrong JSON type is refused, never coerced. Left to
 * its defaults, Jackson takes {@code "true"}, {@code 1} or {@code ""} for a boolean and a number
 * for a text, so {@code "professional":""} would silently store {@code false} and a phone sent as
 * a number would be parsed from its digits. Instants are ISO 8601 text only: a number would be read
 * as seconds since 1970 without a word.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("optinel-instants").addDeserializer(Instant.class, new IsoInstants()));
	}

	/** Reads an instant from ISO 8601 text with an offset or {@code Z}, and from nothing else. */
	static final class IsoInstants extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			String text = parser.getString().strip();
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException e) {
				throw context.weirdStringException(text, Instant.class,
						"expected an ISO 8601 instant with offset, e.g. 2025-03-01T09:30:00+01:00");
			}
		}
	}
}
