package org.optinel.contacts.importing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.optinel.contacts.ContactNormalisation;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.PhoneNumber;
import org.optinel.tenancy.IdentifierHashing;

/**
 * Turns CSV records into normalised rows or the reasons they are refused, with the same rules as
 * the API ({@link ContactNormalisation}). Stateless apart from its settings; one per import.
 */
final class RowReader {

	private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

	private final CsvFile.Layout layout;

	private final ContactNormalisation normalisation;

	private final String region;

	private final ZoneId zone;

	private final long latestAllowed;

	private final IdentifierHashing.Hasher hasher;

	/** {@code hasher} is used by the thread that reads, and by no other. */
	RowReader(CsvFile.Layout layout, ContactNormalisation normalisation, String region, ZoneId zone, Instant latestAllowed,
			IdentifierHashing.Hasher hasher) {
		this.hasher = hasher;
		this.layout = layout;
		this.normalisation = normalisation;
		this.region = region;
		this.zone = zone;
		this.latestAllowed = latestAllowed.toEpochMilli();
	}

	/** The row, or {@code null} after adding its errors to {@code errors}. */
	ImportRow read(CSVRecord record, List<RowError> errors) {
		long line = record.getRecordNumber();
		if (record.size() != layout.headers().size() && !(record.size() == 1 && record.get(0).isEmpty())) {
			errors.add(new RowError(line, "", "has " + record.size() + " values where the header has "
					+ layout.headers().size() + " columns"));
			return null;
		}
		List<FieldViolation> sink = new ArrayList<>(0);
		PhoneNumber phone = normalisation.phone(value(record, ImportColumn.PHONE), region, header(ImportColumn.PHONE), sink);
		EmailAddress email = normalisation.email(value(record, ImportColumn.EMAIL), header(ImportColumn.EMAIL), sink);
		String externalRef = normalisation.text(value(record, ImportColumn.EXTERNAL_REF), header(ImportColumn.EXTERNAL_REF), sink);
		String firstName = normalisation.text(value(record, ImportColumn.FIRST_NAME), header(ImportColumn.FIRST_NAME), sink);
		String lastName = normalisation.text(value(record, ImportColumn.LAST_NAME), header(ImportColumn.LAST_NAME), sink);
		String locale = normalisation.locale(value(record, ImportColumn.LOCALE), header(ImportColumn.LOCALE), sink);
		String country = normalisation.country(value(record, ImportColumn.COUNTRY), header(ImportColumn.COUNTRY), sink);
		Boolean professional = flag(record, ImportColumn.PROFESSIONAL, sink);
		Boolean collectedInSale = flag(record, ImportColumn.COLLECTED_IN_SALE, sink);
		Boolean optOutOffered = flag(record, ImportColumn.OPT_OUT_OFFERED, sink);
		List<ImportRow.Act> acts = List.of();
		for (Map.Entry<ImportColumn, Integer> entry : layout.columns().entrySet()) {
			if (entry.getKey().activity != null) {
				acts = acts(record.get(entry.getValue()), entry.getKey(), acts, sink);
			}
		}
		if (phone == null && email == null && sink.isEmpty()) {
			sink.add(new FieldViolation("", "has neither a phone nor an email"));
		}
		if (!sink.isEmpty()) {
			for (FieldViolation violation : sink) {
				errors.add(new RowError(line, violation.field(), violation.message()));
			}
			return null;
		}
		return new ImportRow(line, externalRef, email == null ? null : email.value(), email == null ? null : email.key(),
				phone == null ? null : phone.e164(), firstName, lastName, locale, country, professional, collectedInSale,
				optOutOffered, acts, phone == null ? null : hasher.phone(phone.e164()),
				email == null ? null : hasher.emailKey(email.key()));
	}

	private String value(CSVRecord record, ImportColumn column) {
		Integer index = layout.columns().get(column);
		return index == null ? null : record.get(index);
	}

	private String header(ImportColumn column) {
		Integer index = layout.columns().get(column);
		return index == null ? column.field : layout.headers().get(index);
	}

	private Boolean flag(CSVRecord record, ImportColumn column, List<FieldViolation> sink) {
		String raw = value(record, column);
		if (raw == null || raw.isBlank()) {
			return null;
		}
		switch (raw.strip().toLowerCase(Locale.ROOT)) {
			case "true": case "1": case "yes": case "y": case "oui": case "o": case "vrai": case "x":
				return Boolean.TRUE;
			case "false": case "0": case "no": case "n": case "non": case "faux":
				return Boolean.FALSE;
			default:
				sink.add(new FieldViolation(header(column), "'" + raw + "' is not a yes/no value (true, false, 1, 0, oui, non)"));
				return null;
		}
	}

	private List<ImportRow.Act> acts(String raw, ImportColumn column, List<ImportRow.Act> acts, List<FieldViolation> sink) {
		if (raw == null || raw.isBlank()) {
			return acts;
		}
		List<ImportRow.Act> more = new ArrayList<>(acts);
		for (String part : raw.split("\\|")) {
			if (part.isBlank()) {
				continue;
			}
			Long at = instant(part.strip());
			if (at == null) {
				sink.add(new FieldViolation(header(column), "'" + part.strip() + "' is not a date (2024-03-01, "
						+ "01/03/2024 or 2024-03-01T10:15:00+01:00); separate several dates with |"));
				return acts;
			}
			if (at > latestAllowed) {
				sink.add(new FieldViolation(header(column), "'" + part.strip() + "' lies in the future"));
				return acts;
			}
			more.add(new ImportRow.Act(column.activity, at));
		}
		return more;
	}

	/** Epoch milliseconds of an ISO instant, ISO local date-time or date, or French dd/MM/yyyy date; dates start at midnight in the tenant's zone. */
	private Long instant(String text) {
		try {
			if (text.length() == 10 && text.charAt(4) == '-') {
				return LocalDate.parse(text).atStartOfDay(zone).toInstant().toEpochMilli();
			}
			if (text.length() == 10 && text.charAt(2) == '/') {
				return LocalDate.parse(text, FRENCH_DATE).atStartOfDay(zone).toInstant().toEpochMilli();
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
				return OffsetDateTime.parse(text).toInstant().toEpochMilli();
			}
			return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
		}
		catch (DateTimeException e) {
			return null;
		}
	}
}
