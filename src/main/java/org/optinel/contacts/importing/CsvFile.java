package org.optinel.contacts.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import file: UTF-8 with or without BOM, Windows or Unix line endings, {@code ;}, {@code ,} or
 * tab separated (guessed from the header line), a header row. {@link #inspect} reads it once
 * without writing anything and refuses a file that cannot be imported as a whole; only then are
 * rows read for real, so a broken file never leaves half an import behind.
 */
final class CsvFile {

	/** What {@link #inspect} learnt: how to read the file and where each field is. */
	record Layout(char delimiter, List<String> headers, Map<ImportColumn, Integer> columns, List<String> ignored,
			long rows, long bytes, String sha256) {
	}

	private CsvFile() {
	}

	/**
	 * Reads the whole file once: checks it is UTF-8 text with well-formed quoting and a header that
	 * names a phone or an email column, counts its rows and hashes it.
	 * @param explicit field name to header, overriding the recognised headers
	 * @throws InvalidImportFileException saying what is wrong and where
	 */
	static Layout inspect(Path file, Map<String, String> explicit) {
		long bytes;
		char delimiter;
		try {
			bytes = Files.size(file);
			delimiter = guessDelimiter(file);
		}
		catch (CharacterCodingException e) {
			throw new InvalidImportFileException(1, "the file is not UTF-8 text; export it as CSV UTF-8");
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the import file " + file, e);
		}
		MessageDigest sha256 = sha256();
		long rows = 0;
		List<String> headers;
		try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha256);
				CSVParser parser = parser(reader(in), delimiter)) {
			Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				throw new InvalidImportFileException("the file is empty; it needs a header row and one row per contact");
			}
			headers = new ArrayList<>();
			for (String header : records.next()) {
				headers.add(checkText(header, 1).strip());
			}
			while (records.hasNext()) {
				CSVRecord record = records.next();
				for (String value : record) {
					checkText(value, record.getRecordNumber());
				}
				rows++;
			}
		}
		catch (UncheckedIOException e) {
			throw unreadable(e.getCause(), rows + 2);
		}
		catch (IOException e) {
			throw unreadable(e, rows + 2);
		}
		Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
		List<String> ignored = new ArrayList<>();
		map(headers, explicit, columns, ignored);
		return new Layout(delimiter, List.copyOf(headers), columns, List.copyOf(ignored), rows, bytes,
				HexFormat.of().formatHex(sha256.digest()));
	}

	/** A parser over the file read through {@code in}; its first record is the header. */
	static CSVParser open(InputStream in, Layout layout) throws IOException {
		return parser(reader(in), layout.delimiter());
	}

	static Reader reader(InputStream in) throws IOException {
		InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
		buffered.mark(3);
		byte[] bom = buffered.readNBytes(3);
		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			buffered.reset();
		}
		return new InputStreamReader(buffered, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
	}

	private static CSVParser parser(Reader reader, char delimiter) throws IOException {
		return CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.get()
			.parse(reader);
	}

	/** The separator that occurs most often, outside quotes, on the header line. */
	private static char guessDelimiter(Path file) throws IOException {
		try (Reader reader = reader(Files.newInputStream(file))) {
			char[] buffer = new char[8192];
			int n = reader.read(buffer);
			int semicolons = 0;
			int commas = 0;
			int tabs = 0;
			boolean quoted = false;
			for (int i = 0; i < Math.max(n, 0); i++) {
				char c = buffer[i];
				if (c == '"') {
					quoted = !quoted;
				}
				else if (!quoted && (c == '\n' || c == '\r')) {
					break;
				}
				else if (!quoted) {
					semicolons += c == ';' ? 1 : 0;
					commas += c == ',' ? 1 : 0;
					tabs += c == '\t' ? 1 : 0;
				}
			}
			if (tabs > semicolons && tabs > commas) {
				return '\t';
			}
			return semicolons >= commas && semicolons > 0 ? ';' : ',';
		}
	}

	private static void map(List<String> headers, Map<String, String> explicit, Map<ImportColumn, Integer> columns,
			List<String> ignored) {
		Map<ImportColumn, String> chosen = new EnumMap<>(ImportColumn.class);
		explicit.forEach((field, header) -> {
			ImportColumn column = ImportColumn.forField(field)
				.orElseThrow(() -> new InvalidImportFileException("the mapping names '" + field + "', which is not a field; "
						+ "fields are " + fields()));
			int index = indexOf(headers, header);
			if (index < 0) {
				throw new InvalidImportFileException("the mapping " + field + "=" + header + " names a column the header "
						+ "does not have; the header is " + headers);
			}
			columns.put(column, index);
			chosen.put(column, header);
		});
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i);
			if (header.isEmpty() || columns.containsValue(i)) {
				continue;
			}
			ImportColumn column = ImportColumn.forHeader(header).orElse(null);
			if (column == null || explicit.keySet().stream().anyMatch(column.field::equalsIgnoreCase)) {
				ignored.add(header);
				continue;
			}
			if (columns.containsKey(column)) {
				throw new InvalidImportFileException("the columns '" + chosen.get(column) + "' and '" + header
						+ "' both read as " + column.field + "; map one explicitly (" + column.field + "=<header>)");
			}
			columns.put(column, i);
			chosen.put(column, header);
		}
		if (!columns.containsKey(ImportColumn.PHONE) && !columns.containsKey(ImportColumn.EMAIL)) {
			throw new InvalidImportFileException(1, "no phone or email column in the header " + headers
					+ "; name one 'phone' or 'email' (or map it: phone=<header>)");
		}
	}

	private static String fields() {
		List<String> fields = new ArrayList<>();
		for (ImportColumn column : ImportColumn.values()) {
			fields.add(column.field);
		}
		return String.join(", ", fields);
	}

	private static int indexOf(List<String> headers, String header) {
		for (int i = 0; i < headers.size(); i++) {
			if (headers.get(i).equalsIgnoreCase(header.strip())) {
				return i;
			}
		}
		return -1;
	}

	private static String checkText(String value, long line) {
		if (value.indexOf('\0') >= 0) {
			throw new InvalidImportFileException(line, "the file holds binary data (NUL characters); send a CSV text file");
		}
		return value;
	}

	private static InvalidImportFileException unreadable(Throwable e, long line) {
		if (e instanceof CharacterCodingException) {
			return new InvalidImportFileException(line, "the file is not UTF-8 text; export it as CSV UTF-8");
		}
		String message = e == null || e.getMessage() == null ? "unreadable" : e.getMessage();
		return new InvalidImportFileException("the file is not well-formed CSV (" + message
				+ "); check for an unclosed or stray double quote");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Counts the bytes read, for progress. */
	static final class CountingInputStream extends java.io.FilterInputStream {

		private final AtomicLong count;

		CountingInputStream(InputStream in, AtomicLong count) {
			super(in);
			this.count = count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count.incrementAndGet();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count.addAndGet(n);
			}
			return n;
		}
	}
}
