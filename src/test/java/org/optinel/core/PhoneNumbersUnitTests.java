package org.optinel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Phone numbers as people type them become E.164, French forms and overseas numbers included. */
class PhoneNumbersUnitTests {

	private final PhoneNumbers phones = new PhoneNumbers();

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	@ParameterizedTest(name = "[{index}] {0} in {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			06 12 34 56 78           | FR | +33612345678
			0612345678               | FR | +33612345678
			+33 6 12 34 56 78        | FR | +33612345678
			+33612345678             | FR | +33612345678
			0033612345678            | FR | +33612345678
			00 33 6 12 34 56 78      | FR | +33612345678
			+33 (0)6 12 34 56 78     | FR | +33612345678
			06.12.34.56.78           | FR | +33612345678
			06-12-34-56-78           | FR | +33612345678
			'  06 12 34 56 78  '     | FR | +33612345678
			07 81 23 45 67           | FR | +33781234567
			+33 7 56 78 90 12        | FR | +33756789012
			01 42 68 53 00           | FR | +33142685300
			+33 1 42 68 53 00        | FR | +33142685300
			""")
	void readsTheUsualFrenchFormsAsOneNumber(String raw, String region, String e164) {
		assertThat(phones.parse(raw, region, "phone").e164()).isEqualTo(e164);
	}

	@ParameterizedTest(name = "[{index}] {0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0692 12 34 56     | +262692123456
			0639 40 12 34     | +262639401234
			0690 12 34 56     | +590690123456
			0696 12 34 56     | +596696123456
			0694 20 12 34     | +594694201234
			0694 12 34 56     | +594694123456
			0262 12 34 56     | +262262123456
			06 92 12 34 56    | +262692123456
			""")
	void readsAnOverseasNumberInNationalFormWithTheFrenchRegion(String raw, String e164) {
		assertThat(phones.parse(raw, "FR", "phone").e164()).isEqualTo(e164);
	}

	@ParameterizedTest(name = "[{index}] {0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			+262 692 12 34 56  | +262692123456
			+262 639 40 12 34  | +262639401234
			+590 690 12 34 56  | +590690123456
			+596 696 12 34 56  | +596696123456
			+594 694 20 12 34  | +594694201234
			00262692123456     | +262692123456
			+687 75 12 34      | +687751234
			""")
	void readsAnOverseasNumberInInternationalForm(String raw, String e164) {
		assertThat(phones.parse(raw, "FR", "phone").e164()).isEqualTo(e164);
	}

	@ParameterizedTest(name = "[{index}] {0} in {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			+32 470 12 34 56    | FR | +32470123456
			0032 470 12 34 56   | FR | +32470123456
			0470 12 34 56       | BE | +32470123456
			+32470123456        | BE | +32470123456
			+33 6 12 34 56 78   | BE | +33612345678
			+44 7400 123456     | FR | +447400123456
			07400 123456        | GB | +447400123456
			""")
	void readsForeignNumbersInInternationalFormAndNationalFormInTheirOwnRegion(String raw, String region, String e164) {
		assertThat(phones.parse(raw, region, "phone").e164()).isEqualTo(e164);
	}

	@ParameterizedTest(name = "[{index}] {0} in {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			06 12 34 56                   | FR | too few digits
			+33 6 12                      | FR | too few digits
			06 12 34 56 78 9              | FR | too many digits
			0612345678901234567890        | FR | too many digits
			hello                         | FR | not a number
			call me                       | FR | not a number
			+999 612345678                | FR | unknown country code
			07 00 00 00 00                | FR | no such number range
			0692 12 34 56                 | BE | no such number range
			""")
	void refusesWhatIsNotAValidNumberNamingTheFieldAndWhy(String raw, String region, String why) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> phones.parse(raw, region, "mobile"))
			.satisfies(e -> {
				assertThat(e.violations()).singleElement().satisfies(v -> {
					assertThat(v.field()).isEqualTo("mobile");
					assertThat(v.message()).contains("'" + raw.strip() + "'").contains(why);
				});
				assertThat(e.type()).isEqualTo("invalid-input");
				assertThat(e.kind()).isEqualTo(ProblemKind.INVALID);
			});
	}

	@Test
	void refusesAnEmptyOrMissingNumberWithAnExample() {
		for (String raw : new String[] { null, "", "   " }) {
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> phones.parse(raw, "FR", "phone"))
				.satisfies(e -> assertThat(e.violations()).singleElement().satisfies(v -> {
					assertThat(v.field()).isEqualTo("phone");
					assertThat(v.message()).contains("empty").contains("+33612345678");
				}));
		}
	}

	@Test
	void theFastPathLeavesOverseasAndForeignNumbersToTheFullPath() {
		assertThat(phones.frenchFastPath("0692 12 34 56", "FR")).isNull();
		assertThat(phones.frenchFastPath("+32 470 12 34 56", "FR")).isNull();
		assertThat(phones.frenchFastPath("0470 12 34 56", "BE")).isNull();
		assertThat(phones.frenchFastPath("06 12 34 56 78", "BE")).isNull();
		assertThat(phones.frenchFastPath("07 00 00 00 00", "FR")).isNull();
		assertThat(phones.frenchFastPath("06/12/34/56/78", "FR")).isNull();
		assertThat(phones.frenchFastPath("06 12 34 56 78", "FR")).isEqualTo("+33612345678");
	}

	/** The fast path must never disagree with libphonenumber, whatever the written form. */
	@Test
	void theFastPathAgreesWithLibphonenumberOnRandomFrenchMobiles() throws NumberParseException {
		Random random = new Random(20250301);
		List<String> nationals = new ArrayList<>();
		while (nationals.size() < 400) {
			String national = "0" + (random.nextBoolean() ? "6" : "7") + String.format("%08d", random.nextInt(100_000_000));
			if (util.isValidNumber(util.parse(national, "FR"))) {
				nationals.add(national);
			}
		}
		for (String national : nationals) {
			String expected = util.format(util.parse(national, "FR"), PhoneNumberUtil.PhoneNumberFormat.E164);
			String nsn = national.substring(1);
			List<String> forms = List.of(national, spaced(national), spaced(national).replace(' ', '.'), "+33" + nsn,
					"+33 " + nsn.charAt(0) + " " + spaced(nsn.substring(1)), "0033" + nsn,
					"+33 (0)" + nsn.charAt(0) + " " + spaced(nsn.substring(1)));
			for (String form : forms) {
				assertThat(phones.frenchFastPath(form, "FR")).as(form).isEqualTo(expected);
				assertThat(phones.parse(form, "FR", "phone").e164()).as(form).isEqualTo(expected);
			}
		}
	}

	/**
	 * Random ten-digit national numbers, valid or not: the fast path answers only where libphonenumber
	 * says valid, always for a valid mobile, and then with libphonenumber's E.164.
	 */
	@Test
	void theFastPathAnswersOnlyForNumbersLibphonenumberCallsValid() throws NumberParseException {
		Random random = new Random(42);
		int valid = 0;
		for (int i = 0; i < 2000; i++) {
			String national = "0" + (1 + random.nextInt(9)) + String.format("%08d", random.nextInt(100_000_000));
			Phonenumber.PhoneNumber parsed = util.parse(national, "FR");
			String fast = phones.frenchFastPath(national, "FR");
			if (util.isValidNumberForRegion(parsed, "FR")) {
				valid++;
				if (util.getNumberType(parsed) == PhoneNumberUtil.PhoneNumberType.MOBILE || fast != null) {
					// mobiles take the fast path; other valid numbers may leave it to the full parser
					assertThat(fast).as(national).isEqualTo(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
				}
			}
			else {
				assertThat(fast).as(national).isNull();
			}
		}
		assertThat(valid).as("the sample holds valid numbers too").isGreaterThan(200);
	}

	private static String spaced(String digits) {
		StringBuilder spaced = new StringBuilder();
		for (int i = 0; i < digits.length(); i++) {
			if (i > 0 && i % 2 == 0) {
				spaced.append(' ');
			}
			spaced.append(digits.charAt(i));
		}
		return spaced.toString();
	}
}
