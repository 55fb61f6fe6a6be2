package org.optinel.consent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON as RFC 8785 (JCS) defines it, for the values a receipt holds: objects with their
 * members sorted by name (UTF-16 code units, as {@link String#compareTo}), no whitespace, strings
 * escaped only where JSON requires ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control
 * characters as {@code \}{@code u00xx}), integers in decimal, {@code true}, {@code false}, {@code null}.
 * Floating-point numbers are refused: a receipt holds none, which keeps every JSON library able to
 * reproduce the bytes by sorting keys and dropping whitespace.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/** The canonical text of {@code value}: a map, list, string, integer, boolean or null, nested freely. */
	public static String write(Object value) {
		StringBuilder out = new StringBuilder(512);
		write(out, value);
		return out.toString();
	}

	private static void write(StringBuilder out, Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String text) {
			string(out, text);
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> sorted.put((String) k, v));
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> member : sorted.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(out, member.getKey());
				out.append(':');
				write(out, member.getValue());
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(out, list.get(i));
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("canonical JSON holds maps, lists, strings, integers and booleans; not "
					+ value.getClass().getName());
		}
	}

	private static void string(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"':
					out.append("\\\"");
					break;
				case '\\':
					out.append("\\\\");
					break;
				case '\b':
					out.append("\\b");
					break;
				case '\f':
					out.append("\\f");
					break;
				case '\n':
					out.append("\\n");
					break;
				case '\r':
					out.append("\\r");
					break;
				case '\t':
					out.append("\\t");
					break;
				default:
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
			}
		}
		out.append('"');
	}
}
