package org.optinel.messaging;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsTextUnitTests {

	/**
	 * Texts are built from a pattern: {@code a*160} is 160 times {@code a}; pieces are joined with
	 * {@code +}. Sizes are those of 3GPP TS 23.040 with a 6-byte concatenation header.
	 */
	@ParameterizedTest(name = "{0} -> {1}, {2} units, {3} parts")
	@CsvSource(delimiter = ';', textBlock = """
			''; GSM_7; 0; 1
			Bonjour; GSM_7; 7; 1
			STOP au 36111; GSM_7; 13; 1
			a*160; GSM_7; 160; 1
			a*161; GSM_7; 161; 2
			a*306; GSM_7; 306; 2
			a*307; GSM_7; 307; 3
			a*459; GSM_7; 459; 3
			a*460; GSM_7; 460; 4
			a*158+€; GSM_7; 160; 1
			a*159+€; GSM_7; 161; 2
			a*152+€+a*10; GSM_7; 164; 2
			a*152+€+a*153; GSM_7; 307; 3
			{}[]~|^€; GSM_7; 16; 1
			é è ù à ì ò É Ç; GSM_7; 15; 1
			Ä Ö Ñ Ü ä ö ñ ü ß ¿ ¡; GSM_7; 21; 1
			ΔΦΓΛΩΠΨΣΘΞ; GSM_7; 10; 1
			£$¥¤§@_; GSM_7; 7; 1
			Arrêt; UCS_2; 5; 1
			Reçu; UCS_2; 4; 1
			l’offre; UCS_2; 7; 1
			cœur; UCS_2; 4; 1
			δ; UCS_2; 1; 1
			😀; UCS_2; 2; 1
			ê*70; UCS_2; 70; 1
			ê*71; UCS_2; 71; 2
			ê*134; UCS_2; 134; 2
			ê*135; UCS_2; 135; 3
			ê*69+😀; UCS_2; 71; 2
			ê*66+😀+ê*10; UCS_2; 78; 2
			ê*66+😀+ê*66; UCS_2; 134; 3
			a*200+ç; UCS_2; 201; 3
			""")
	void countsUnitsAndPartsAsTheNetworkDoes(String pattern, SmsEncoding encoding, int units, int parts) {
		String text = expand(pattern);

		SmsSize size = SmsText.measure(text);

		assertThat(size).isEqualTo(new SmsSize(encoding, units, parts));
		assertThat(SmsText.split(text)).hasSize(parts);
	}

	@Test
	void extensionCharactersAndFormFeedCountTwoSeptets() {
		assertThat(SmsText.measure("\f").units()).isEqualTo(2);
		assertThat(SmsText.measure("\\").units()).isEqualTo(2);
		assertThat(SmsText.measure("\n\r").units()).isEqualTo(2);
	}

	@Test
	void aTabOrACurlyQuoteForcesUcs2BecauseNeitherIsInTheAlphabet() {
		assertThat(SmsText.encodingOf("a\tb")).isEqualTo(SmsEncoding.UCS_2);
		assertThat(SmsText.encodingOf("«promo»")).isEqualTo(SmsEncoding.UCS_2);
		assertThat(SmsText.encodingOf("\"promo\"")).isEqualTo(SmsEncoding.GSM_7);
	}

	@Test
	void aCutNeverSeparatesAnEscapeFromItsExtensionCharacter() {
		String text = "a".repeat(152) + "€" + "a".repeat(10);

		List<String> parts = SmsText.split(text);

		assertThat(parts.get(0)).isEqualTo("a".repeat(152));
		assertThat(parts.get(1)).startsWith("€");
		assertThat(SmsText.encode(parts.get(0), SmsEncoding.GSM_7)).hasSize(152);
		assertThat(SmsText.encode(parts.get(1), SmsEncoding.GSM_7)).hasSize(12);
	}

	@Test
	void aCutNeverSeparatesTheTwoHalvesOfASurrogatePair() {
		String text = "ê".repeat(66) + "😀" + "ê".repeat(10);

		List<String> parts = SmsText.split(text);

		assertThat(parts.get(0)).isEqualTo("ê".repeat(66));
		assertThat(parts.get(1)).startsWith("😀");
		parts.forEach(part -> assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse());
	}

	@Test
	void aTextThatFitsOneMessageIsSentWhole() {
		String text = "a".repeat(160);

		assertThat(SmsText.split(text)).containsExactly(text);
	}

	@Test
	void everyPartOfRandomTextsFitsAPartAndTheyJoinBackToTheText() {
		String alphabet = "abcXYZ 019.,!?€{}[]^~|\\éèàÇçêœ’😀🇫🇷";
		int[] codePoints = alphabet.codePoints().toArray();
		Random random = new Random(20261129);
		for (int round = 0; round < 2_000; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(500);
			boolean gsmOnly = random.nextBoolean();
			for (int i = 0; i < length; i++) {
				int cp = codePoints[random.nextInt(gsmOnly ? 21 : codePoints.length)];
				text.appendCodePoint(cp);
			}
			String s = text.toString();
			SmsSize size = SmsText.measure(s);
			List<String> parts = SmsText.split(s);

			assertThat(String.join("", parts)).isEqualTo(s);
			assertThat(parts).hasSize(size.parts());
			if (parts.size() > 1) {
				for (String part : parts) {
					int units = (size.encoding() == SmsEncoding.UCS_2) ? part.length() : SmsText.measure(part).units();
					assertThat(units).isLessThanOrEqualTo(size.encoding().partCapacity());
				}
			}
		}
	}

	@Test
	void encodesGsmAsUnpackedSeptetsWithEscapesAndUcs2AsBigEndianUnits() {
		assertThat(HexFormat.of().formatHex(SmsText.encode("@A€", SmsEncoding.GSM_7))).isEqualTo("00411b65");
		assertThat(HexFormat.of().formatHex(SmsText.encode("é{", SmsEncoding.GSM_7))).isEqualTo("051b28");
		assertThat(HexFormat.of().formatHex(SmsText.encode("ê😀", SmsEncoding.UCS_2))).isEqualTo("00ead83dde00");
	}

	@Test
	void refusesToEncodeInGsmACharacterOutsideTheAlphabet() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsText.encode("reçu", SmsEncoding.GSM_7))
			.withMessageContaining("U+00E7")
			.withMessageContaining("index 2");
	}

	@Test
	void dataCodingValuesAreThoseSmppExpects() {
		assertThat(SmsEncoding.GSM_7.dataCoding()).isEqualTo((byte) 0x00);
		assertThat(SmsEncoding.UCS_2.dataCoding()).isEqualTo((byte) 0x08);
	}

	private static String expand(String pattern) {
		if (pattern.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (String piece : pattern.split("\\+")) {
			int star = piece.lastIndexOf('*');
			if (star > 0 && piece.substring(star + 1).chars().allMatch(Character::isDigit) && star < piece.length() - 1) {
				text.append(piece.substring(0, star).repeat(Integer.parseInt(piece.substring(star + 1))));
			}
			else {
				text.append(piece);
			}
		}
		return text.toString();
	}
}
