package org.optinel.contacts;

import java.util.Map;
import java.util.Objects;

/**
 * Where an imported file comes from, kept with the import for provenance.
 *
 * @param fileName the file's name as the caller knows it
 * @param origin the declared origin of the data (e.g. "shop checkout 2019-2024, CRM export")
 * @param columns explicit column mapping, field name to header (e.g. {@code phone -> Portable}); may be empty
 */
public record ImportSource(String fileName, String origin, Map<String, String> columns) {

	public ImportSource {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(origin, "origin");
		columns = Map.copyOf(columns);
	}
}
