package org.optinel.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a CSV of French contacts as a shop would export them, for the import benchmark: UTF-8,
 * a header row, {@code ;} as separator, columns
 * {@code external_ref;first_name;last_name;email;phone;purchases}.
 *
 * <p>Every phone is a French mobile (06, or 073 to 079) in national format, written in one of
 * three usual ways, and valid for libphonenumber. Phones, emails (case-insensitively) and external
 * references are unique within a file. One row in three carries one to three distinct purchase
 * dates, ISO format, separated by {@code |}; the others leave {@code purchases} empty. The same
 * seed and row count always give the same bytes.
 *
 * <p>Run it alone with {@code main(rows [file [seed]])}.
 */
public final class ContactCsvGenerator {

	public static final long DEFAULT_SEED = 20240301L;

	static final String HEADER = "external_ref;first_name;last_name;email;phone;purchases";

	/**
	 * First three digits of the nine-digit national significant number: every number in these
	 * blocks is a valid metropolitan mobile for libphonenumber. 0639 (Mayotte) and 069x (overseas)
	 * are left out, so that every number has the same E.164 prefix +33.
	 */
	private static final int[] BLOCKS = blocks();

	private static final long NUMBERS_PER_BLOCK = 1_000_000L;

	private static final long NUMBER_SPACE = BLOCKS.length * NUMBERS_PER_BLOCK;

	private static final String[] FIRST_NAMES = { "Marie", "Jean", "Camille", "Léa", "Lucas", "Chloé", "Hugo",
			"Manon", "Louis", "Inès", "Gabriel", "Zoé", "Raphaël", "Élodie", "Jules", "Anaïs", "Arthur", "Céline",
			"Noé", "Hélène", "Théo", "Margaux", "Nathan", "Amélie", "Benoît", "Clémence", "François", "Aurélie",
			"Jérôme", "Sandrine", "Mathéo", "Maëlle", "Loïc", "Gaëlle", "Rémi", "Agnès", "Thibault", "Solène",
			"Valérie", "Stéphane" };

	private static final String[] LAST_NAMES = { "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
			"Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
			"Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
			"Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
			"Guérin", "Müller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
			"Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sánchez", "Gérard", "Nguyen", "Boyer",
			"Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas",
			"Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet",
			"Schmitt", "Leroux", "Colin", "Fernandez", "Le Gall", "Da Silva", "Hoarau", "Pierre", "Renard",
			"Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine",
			"Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix" };

	private static final String[] FIRST_KEYS = asciiKeys(FIRST_NAMES);

	private static final String[] LAST_KEYS = asciiKeys(LAST_NAMES);

	private static final String[] DOMAINS = { "example.fr", "example.com", "exemple.fr", "mail.example.org" };

	private static final long FIRST_PURCHASE_DAY = LocalDate.of(2019, 1, 1).toEpochDay();

	private static final int PURCHASE_DAYS = (int) (LocalDate.of(2026, 7, 1).toEpochDay() - FIRST_PURCHASE_DAY);

	private static final String[] DAYS = days();

	private final long seed;

	public ContactCsvGenerator(long seed) {
		this.seed = seed;
	}

	/** What a written file holds, for the benchmark's checks. */
	public record Written(Path file, long rows, long purchases, long bytes) {
	}

	/** Writes {@code rows} contacts to {@code file}, replacing it, and creating its folder. */
	public Written write(Path file, int rows) {
		if (rows < 1 || rows > NUMBER_SPACE) {
			throw new IllegalArgumentException("rows must be between 1 and " + NUMBER_SPACE + ", was " + rows);
		}
		SplittableRandom random = new SplittableRandom(seed);
		// A bijection of [0, NUMBER_SPACE): row i gets number (i * step + offset) mod space, all distinct.
		long step = coprimeStep(random.nextLong(NUMBER_SPACE / 2, NUMBER_SPACE));
		long offset = random.nextLong(NUMBER_SPACE);
		long purchases = 0;
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
					1 << 20)) {
				StringBuilder line = new StringBuilder(160);
				out.write(HEADER);
				out.write('\n');
				for (long i = 0; i < rows; i++) {
					line.setLength(0);
					// i < 2^31 and step < 2^28: the product cannot overflow.
					purchases += row(line, i, (i * step + offset) % NUMBER_SPACE, random);
					out.append(line);
				}
			}
			return new Written(file, rows, purchases, Files.size(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file, e);
		}
	}

	/** Appends row {@code i}, whose phone is number {@code n} of the space; returns its purchase count. */
	private static int row(StringBuilder line, long i, long n, SplittableRandom random) {
		int first = random.nextInt(FIRST_NAMES.length);
		int last = random.nextInt(LAST_NAMES.length);
		line.append("CRM-");
		pad(line, i + 1, 7);
		line.append(';').append(FIRST_NAMES[first]).append(';').append(LAST_NAMES[last]).append(';');
		// One address in twenty is typed with capitals: the email key is the lower-cased address.
		if (random.nextInt(20) == 0) {
			line.append(capitalised(FIRST_KEYS[first])).append('.').append(capitalised(LAST_KEYS[last]));
		}
		else {
			line.append(FIRST_KEYS[first]).append('.').append(LAST_KEYS[last]);
		}
		line.append('.').append(i + 1).append('@').append(DOMAINS[random.nextInt(DOMAINS.length)]).append(';');
		phone(line, BLOCKS[(int) (n / NUMBERS_PER_BLOCK)], (int) (n % NUMBERS_PER_BLOCK), random.nextInt(10));
		line.append(';');
		int count = 0;
		if (random.nextInt(3) == 0) {
			count = 1 + random.nextInt(3);
			int[] picked = new int[count];
			for (int k = 0; k < count; k++) {
				int day;
				do {
					day = random.nextInt(PURCHASE_DAYS);
				}
				while (contains(picked, k, day));
				picked[k] = day;
			}
			Arrays.sort(picked);
			for (int k = 0; k < count; k++) {
				if (k > 0) {
					line.append('|');
				}
				line.append(DAYS[picked[k]]);
			}
		}
		line.append('\n');
		return count;
	}

	/** {@code 06 12 34 56 78} half the time, {@code 0612345678} four times in ten, {@code 06.12.34.56.78} else. */
	private static void phone(StringBuilder line, int block, int rest, int style) {
		char[] d = new char[10];
		d[0] = '0';
		d[1] = (char) ('0' + block / 100);
		d[2] = (char) ('0' + block / 10 % 10);
		d[3] = (char) ('0' + block % 10);
		for (int k = 9; k >= 4; k--) {
			d[k] = (char) ('0' + rest % 10);
			rest /= 10;
		}
		char separator = style < 5 ? ' ' : style < 9 ? 0 : '.';
		for (int k = 0; k < 10; k++) {
			if (separator != 0 && k > 0 && k % 2 == 0) {
				line.append(separator);
			}
			line.append(d[k]);
		}
	}

	private static long coprimeStep(long candidate) {
		long step = candidate;
		while (gcd(step, NUMBER_SPACE) != 1) {
			step++;
		}
		return step;
	}

	private static long gcd(long a, long b) {
		return b == 0 ? a : gcd(b, a % b);
	}

	private static boolean contains(int[] values, int length, int value) {
		for (int k = 0; k < length; k++) {
			if (values[k] == value) {
				return true;
			}
		}
		return false;
	}

	private static void pad(StringBuilder line, long value, int width) {
		String digits = Long.toString(value);
		for (int k = digits.length(); k < width; k++) {
			line.append('0');
		}
		line.append(digits);
	}

	private static String capitalised(String key) {
		return Character.toUpperCase(key.charAt(0)) + key.substring(1);
	}

	private static int[] blocks() {
		int[] blocks = new int[39 + 50 + 70];
		int n = 0;
		for (int b = 600; b <= 638; b++) {
			blocks[n++] = b;
		}
		for (int b = 640; b <= 689; b++) {
			blocks[n++] = b;
		}
		for (int b = 730; b <= 799; b++) {
			blocks[n++] = b;
		}
		return blocks;
	}

	/** Names as they go in an address: no accents, no spaces, lower case ("Le Gall" is "legall"). */
	private static String[] asciiKeys(String[] names) {
		String[] keys = new String[names.length];
		for (int k = 0; k < names.length; k++) {
			keys[k] = java.text.Normalizer.normalize(names[k], java.text.Normalizer.Form.NFD)
				.replaceAll("\\p{M}", "")
				.replace(" ", "")
				.toLowerCase(Locale.ROOT);
		}
		return keys;
	}

	private static String[] days() {
		String[] days = new String[PURCHASE_DAYS];
		for (int k = 0; k < PURCHASE_DAYS; k++) {
			days[k] = LocalDate.ofEpochDay(FIRST_PURCHASE_DAY + k).toString();
		}
		return days;
	}

	/** {@code rows} (default 1,000,000), {@code file} (default target/bench/contacts-ROWS.csv), {@code seed}. */
	public static void main(String[] args) {
		int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
		Path file = args.length > 1 ? Path.of(args[1]) : Path.of("target", "bench", "contacts-" + rows + ".csv");
		long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
		long start = System.nanoTime();
		Written written = new ContactCsvGenerator(seed).write(file, rows);
		System.out.printf(Locale.ROOT, "Wrote %,d contacts (%,d purchases, %,d bytes) to %s in %.1f s%n", written.rows(),
				written.purchases(), written.bytes(), file, (System.nanoTime() - start) / 1e9);
	}
}
