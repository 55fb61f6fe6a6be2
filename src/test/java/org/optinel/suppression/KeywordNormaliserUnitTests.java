package org.optinel.suppression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** KW-01: inbound text is trimmed, case-folded, and stripped of accents and punctuation before matching. */
class KeywordNormaliserUnitTests {

	// KW-01: French and English, accents, punctuation, mixed case, emoji, full-width and invisible characters.
	@ParameterizedTest(name = "[{index}] \"{0}\" normalises to \"{1}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"Stop"                          | "STOP"
			" STOP "                        | "STOP"
			"stop."                         | "STOP"
			"STOP!!!"                       | "STOP"
			"sToP"                          | "STOP"
			"Arrêt"                         | "ARRET"
			"ARRÊT!"                        | "ARRET"
			"arrêt"                         | "ARRET"
			"Arre\u0302t"                   | "ARRET"
			"stop sms"                      | "STOP SMS"
			"Stop-Pub"                      | "STOP PUB"
			"STOP_PUB"                      | "STOP PUB"
			"désabonner"                    | "DESABONNER"
			"Désinscrire"                   | "DESINSCRIRE"
			"DÉSINSCRIRE"                   | "DESINSCRIRE"
			"Opt-Out"                       | "OPT OUT"
			"opt out"                       | "OPT OUT"
			"opt   out"                     | "OPT OUT"
			"opt\tout"                      | "OPT OUT"
			"opt\u00A0out"                  | "OPT OUT"
			"STOP 😀"                       | "STOP"
			"😀 stop 😀"                    | "STOP"
			"stop😀"                        | "STOP"
			"STOP ❤️"                       | "STOP"
			"stopper"                       | "STOPPER"
			"unstop"                        | "UNSTOP"
			"UN-STOP"                       | "UN STOP"
			"Non stop"                      | "NON STOP"
			"stopped"                       | "STOPPED"
			"oui"                           | "OUI"
			"OUI !"                         | "OUI"
			"Oui."                          | "OUI"
			"yes"                           | "YES"
			"Yes!"                          | "YES"
			"Start"                         | "START"
			"Aide"                          | "AIDE"
			"aide ?"                        | "AIDE"
			"help?"                         | "HELP"
			"INFO"                          | "INFO"
			"Contact"                       | "CONTACT"
			"bonjour"                       | "BONJOUR"
			"Bonjour, j'ai une question"    | "BONJOUR J AI UNE QUESTION"
			""                              | ""
			"   "                           | ""
			"!!!"                           | ""
			"😀😀"                          | ""
			"...stop..."                    | "STOP"
			"«STOP»"                        | "STOP"
			"“Stop”"                        | "STOP"
			"¡Stop!"                        | "STOP"
			"Stop, merci"                   | "STOP MERCI"
			"ＳＴＯＰ"                      | "STOP"
			"Ｓｔｏｐ"                      | "STOP"
			"ｓｔｏｐ　ｓｍｓ"              | "STOP SMS"
			"ST\u200BOP"                    | "STOP"
			"ÀÉÎÕÜ"                         | "AEIOU"
			"çà et là"                      | "CA ET LA"
			"cœur"                          | "COEUR"
			"Æther"                         | "AETHER"
			"straße"                        | "STRASSE"
			"Señor"                         | "SENOR"
			"København"                     | "KOBENHAVN"
			"Łódź"                          | "LODZ"
			"ﬁn"                            | "FIN"
			"Désabonner-moi"                | "DESABONNER MOI"
			"STOP 36180"                    | "STOP 36180"
			"stop123"                       | "STOP123"
			"#STOP"                         | "STOP"
			"@stop"                         | "STOP"
			"停止"                          | "停止"
			"Стоп"                          | "СТОП"
			"S.T.O.P"                       | "S T O P"
			"arrêtez"                       | "ARRETEZ"
			"Unsubscribe"                   | "UNSUBSCRIBE"
			"stop all"                      | "STOP ALL"
			""")
	void normalisesForKeywordMatching(String text, String expected) {
		assertThat(KeywordNormaliser.normalise(text)).isEqualTo(expected);
	}

	@Test
	void aNullTextNormalisesToNothing() {
		assertThat(KeywordNormaliser.normalise(null)).isEmpty();
	}

	@Test
	void lineBreaksAndControlCharactersSeparateWords() {
		assertThat(KeywordNormaliser.normalise("stop\r\nsms\u0007")).isEqualTo("STOP SMS");
	}

	@Test
	void aVeryLongTextNormalisesWhole() {
		String text = "é".repeat(10_000) + " stop";
		assertThat(KeywordNormaliser.normalise(text)).isEqualTo("E".repeat(10_000) + " STOP");
	}

	@Test
	void plainAsciiNormalisesAsTheGeneralCaseDoes() {
		java.util.Random random = new java.util.Random(42);
		for (int i = 0; i < 20_000; i++) {
			char[] text = new char[random.nextInt(40)];
			for (int j = 0; j < text.length; j++) {
				text[j] = (char) random.nextInt(0x80);
			}
			String s = new String(text);
			assertThat(KeywordNormaliser.normalise(s)).as("\"%s\"", s).isEqualTo(KeywordNormaliser.normaliseUnicode(s));
		}
	}
}
