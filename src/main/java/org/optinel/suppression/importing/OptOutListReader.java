package org.optinel.suppression.importing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.optinel.core.InvalidInputException;
import org.optinel.suppression.OptOutLine;

/**
 * Reads an opt-out list in CSV: UTF-8 with or without BOM, {@code ;}, {@code ,} or tab separated,
 * a header naming a phone column, an email column or both, and optionally a channel and a reason
 * column. Header names are matched without case, accents or punctuation, in English or French.
 */
public final class OptOutListReader {

	private static final Map<String, Set<String>> HEADERS = Map.of(
			"phone", Set.of("phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "portable", "msisdn",
					"numero", "number", "gsm", "cell"),
			"email", Set.of("email", "mail", "emailaddress", "adressemail", "adresseemail", "courriel", "adressecourriel"),
			"channel", Set.of("channel", "canal", "scope"),
			"reason", Set.of("reason", "motif", "raison"));

	private OptOutListReader() {
	}

	/**
	 * The lines of the list, numbered as in the file (the header is line 1).
	 * @throws InvalidInputException when the file is not UTF-8 CSV or its header names neither a phone
	 *         nor an email column; nothing is written then
	 */
	public static List<OptOutLine> read(InputStream content) {
		try (Reader reader = reader(content)) {
			BufferedReader buffered = new BufferedReader(reader, 1 << 16);
			buffered.mark(1 << 16);
			String first = buffered.readLine();
			if (first == null || first.isBlank()) {
				throw new InvalidInputException("file", "is empty: give a header line (phone or email) and one "
						+ "identifier per line");
			}
			buffered.reset();
			char delimiter = delimiter(first);
			try (CSVParser parser = CSVFormat.DEFAULT.builder()
				.setDelimiter(delimiter)
				.setIgnoreEmptyLines(true)
				.setIgnoreSurroundingSpaces(true)
				.get()
				.parse(buffered)) {
				List<OptOutLine> lines = new ArrayList<>();
				int phone = -1;
				int email = -1;
				int channel = -1;
				int reason = -1;
				boolean header = true;
				for (CSVRecord record : parser) {
					if (header) {
						for (int i = 0; i < record.size(); i++) {
							String name = normalise(record.get(i));
							if (HEADERS.get("phone").contains(name) && phone < 0) {
								phone = i;
							}
							else if (HEADERS.get("email").contains(name) && email < 0) {
								email = i;
							}
							else if (HEADERS.get("channel").contains(name) && channel < 0) {
								channel = i;
							}
							else if (HEADERS.get("reason").contains(name) && reason < 0) {
								reason = i;
							}
						}
						if (phone < 0 && email < 0) {
							throw new InvalidInputException("file", "the header line '" + first.strip() + "' names neither "
									+ "a phone nor an email column (e.g. 'phone' or 'email', optionally 'channel' and "
									+ "'reason')");
						}
						header = false;
						continue;
					}
					lines.add(new OptOutLine(parser.getCurrentLineNumber(), value(record, phone), value(record, email),
							value(record, channel), value(record, reason)));
				}
				return lines;
			}
		}
		catch (CharacterCodingException e) {
			throw new InvalidInputException("file", "is not UTF-8 text; save it as CSV UTF-8");
		}
		catch (UncheckedIOException e) {
			throw unreadable(e.getCause());
		}
		catch (IOException e) {
			throw unreadable(e);
		}
	}

	private static InvalidInputException unreadable(IOException e) {
		if (e instanceof CharacterCodingException) {
			return new InvalidInputException("file", "is not UTF-8 text; save it as CSV UTF-8");
		}
		if (e.getCause() instanceof CharacterCodingException) {
			return new InvalidInputException("file", "is not UTF-8 text; save it as CSV UTF-8");
		}
		if (e.getClass().getName().startsWith("org.optinel.web")) {
			throw new UncheckedIOException(e); // the body is too large: the web layer answers 413
		}
		return new InvalidInputException("file", "cannot be read as CSV (" + e.getMessage() + ")");
	}

	private static String value(CSVRecord record, int index) {
		return index < 0 || index >= record.size() ? null : record.get(index);
	}

	private static char delimiter(String header) {
		char best = ',';
		long most = header.chars().filter(c -> c == ',').count();
		for (char candidate : new char[] { ';', '\t' }) {
			long count = header.chars().filter(c -> c == candidate).count();
			if (count > most) {
				most = count;
				best = candidate;
			}
		}
		return best;
	}

	private static String normalise(String header) {
		String plain = Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT);
		return plain.replaceAll("[^a-z0-9]", "");
	}

	private static Reader reader(InputStream in) throws IOException {
		InputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(3);
		byte[] bom = buffered.readNBytes(3);
		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			buffered.reset();
		}
		return new InputStreamReader(buffered, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
	}
}
