package org.optinel.suppression;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What inbound texts ask for under the default keywords (KW-01, KW-02, KW-03) and under a tenant's own. */
class KeywordsUnitTests {

	// KW-01 opt-outs (whole message, or STOP as a word), KW-02 opt-ins, KW-03 help; anything else is NONE.
	@ParameterizedTest(name = "[{index}] \"{0}\" is {1} {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
			"Stop"                                | OPT_OUT | "STOP"        | true
			" STOP "                              | OPT_OUT | "STOP"        | true
			"stop."                               | OPT_OUT | "STOP"        | true
			"Arrêt"                               | OPT_OUT | "ARRET"       | true
			"ARRÊT!"                              | OPT_OUT | "ARRET"       | true
			"stop sms"                            | OPT_OUT | "STOP SMS"    | true
			"STOPSMS"                             | OPT_OUT | "STOP SMS"    | true
			"Stop-Pub"                            | OPT_OUT | "STOP PUB"    | true
			"stopper"                             | OPT_OUT | "STOPPER"     | true
			"désabonner"                          | OPT_OUT | "DESABONNER"  | true
			"DÉSINSCRIRE"                         | OPT_OUT | "DESINSCRIRE" | true
			"Unsubscribe"                         | OPT_OUT | "UNSUBSCRIBE" | true
			"STOPALL"                             | OPT_OUT | "STOPALL"     | true
			"stop all"                            | OPT_OUT | "STOPALL"     | true
			"End"                                 | OPT_OUT | "END"         | true
			"quit"                                | OPT_OUT | "QUIT"        | true
			"CANCEL"                              | OPT_OUT | "CANCEL"      | true
			"revoke"                              | OPT_OUT | "REVOKE"      | true
			"optout"                              | OPT_OUT | "OPTOUT"      | true
			"Opt-Out"                             | OPT_OUT | "OPT OUT"     | true
			"opt out"                             | OPT_OUT | "OPT OUT"     | true
			"STOP 😀"                             | OPT_OUT | "STOP"        | true
			"ＳＴＯＰ"                            | OPT_OUT | "STOP"        | true
			"ST\u200BOP"                          | OPT_OUT | "STOP"        | true
			"S.T.O.P"                             | OPT_OUT | "STOP"        | true
			"#stop"                               | OPT_OUT | "STOP"        | true
			"please stop texting me"              | OPT_OUT | "STOP"        | false
			"Non stop"                            | OPT_OUT | "STOP"        | false
			"Stop, merci"                         | OPT_OUT | "STOP"        | false
			"STOP 36180"                          | OPT_OUT | "STOP"        | false
			"stop start"                          | OPT_OUT | "STOP"        | false
			"start stop"                          | OPT_OUT | "STOP"        | false
			"Arrêtez, STOP!"                      | OPT_OUT | "STOP"        | false
			"unstop"                              | OPT_IN  | "UNSTOP"      | true
			"UN-STOP"                             | OPT_IN  | "UNSTOP"      | true
			"Start"                               | OPT_IN  | "START"       | true
			"oui"                                 | OPT_IN  | "OUI"         | true
			"OUI !"                               | OPT_IN  | "OUI"         | true
			"yes"                                 | OPT_IN  | "YES"         | true
			"Yes."                                | OPT_IN  | "YES"         | true
			"Aide"                                | HELP    | "AIDE"        | true
			"help?"                               | HELP    | "HELP"        | true
			"INFO"                                | HELP    | "INFO"        | true
			"contact"                             | HELP    | "CONTACT"     | true
			"stopped"                             | NONE    | -             | false
			"stopover"                            | NONE    | -             | false
			"arrêtez"                             | NONE    | -             | false
			"bonjour"                             | NONE    | -             | false
			"I want to cancel my appointment"     | NONE    | -             | false
			"oui merci"                           | NONE    | -             | false
			"yes please"                          | NONE    | -             | false
			"help me"                             | NONE    | -             | false
			"Désabonner-moi"                      | NONE    | -             | false
			"Стоп"                                | NONE    | -             | false
			"停止"                                | NONE    | -             | false
			"😀"                                  | NONE    | -             | false
			""                                    | NONE    | -             | false
			"   "                                 | NONE    | -             | false
			""")
	void defaultKeywordsMatchTheWholeMessageOrStopAsAWord(String text, KeywordMatch.Kind kind, String keyword,
			boolean wholeMessage) {
		assertThat(Keywords.DEFAULTS.match(text)).isEqualTo(new KeywordMatch(kind, keyword, wholeMessage));
	}

	@Test
	void aNullTextIsNoKeyword() {
		assertThat(Keywords.DEFAULTS.match(null)).isEqualTo(KeywordMatch.NONE);
	}

	@Test
	void aVeryLongTextWithStopAsAWordIsAnOptOut() { // KW-01
		assertThat(Keywords.DEFAULTS.match("bla ".repeat(2_500) + "STOP").isOptOut()).isTrue();
		assertThat(Keywords.DEFAULTS.match("bla ".repeat(2_500)).kind()).isEqualTo(KeywordMatch.Kind.NONE);
	}

	@Test
	void aTenantMayAddWordsWhichAreKeptNormalised() {
		Keywords keywords = new Keywords(List.of("stop", "Arrêtez", "stop-pub"), List.of("Je veux"),
				List.of("Aide-moi"));
		assertThat(keywords.optOut()).containsExactly("STOP", "ARRETEZ", "STOP PUB");
		assertThat(keywords.match("arrêtez !")).isEqualTo(new KeywordMatch(KeywordMatch.Kind.OPT_OUT, "ARRETEZ", true));
		assertThat(keywords.match("je veux")).isEqualTo(new KeywordMatch(KeywordMatch.Kind.OPT_IN, "JE VEUX", true));
		assertThat(keywords.match("aide moi")).isEqualTo(new KeywordMatch(KeywordMatch.Kind.HELP, "AIDE MOI", true));
		// words the tenant dropped are ordinary text, but STOP as a word still stops (KW-01)
		assertThat(keywords.match("unsubscribe").kind()).isEqualTo(KeywordMatch.Kind.NONE);
		assertThat(keywords.match("oui stop").isOptOut()).isTrue();
	}

	@Test
	void stopCannotBeRemoved() { // KW-01: mandatory in France
		assertThatThrownBy(() -> new Keywords(List.of("ARRET"), List.of("START"), List.of("HELP")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("optOut"));
	}

	@Test
	void aWordCannotBothStopAndResumeMessages() {
		assertThatThrownBy(() -> new Keywords(List.of("STOP", "FIN"), List.of("fin", "START"), List.of("HELP")))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> {
				assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("optIn");
				assertThat(e.getMessage()).contains("'FIN'").contains("optOut");
			});
		// spaces do not tell words apart either
		assertThatThrownBy(() -> new Keywords(List.of("STOP", "OPT OUT"), List.of("OPTOUT"), List.of()))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> new Keywords(List.of("STOP"), List.of("START"), List.of("start")))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void anOptInOrHelpWordMayNotHoldStop() { // KW-01: STOP as a word always stops
		assertThatThrownBy(() -> new Keywords(List.of("STOP"), List.of("STOP NOT"), List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("STOP NOT");
	}

	@Test
	void wordsWithoutLettersOrTooLongAreRefused() {
		assertThatThrownBy(() -> new Keywords(List.of("STOP", "😀"), List.of(), List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no letter or digit");
		assertThatThrownBy(() -> new Keywords(List.of("STOP", "A".repeat(41)), List.of(), List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("longer than 40");
		assertThatThrownBy(() -> new Keywords(java.util.Arrays.asList("STOP", null), List.of(), List.of()))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void theDefaultsAreThoseOfTheRules() { // KW-01, KW-02, KW-03
		assertThat(Keywords.DEFAULTS.optOut()).containsExactlyInAnyOrder("STOP", "ARRET", "STOP SMS", "STOP PUB",
				"STOPPER", "DESABONNER", "DESINSCRIRE", "UNSUBSCRIBE", "STOPALL", "END", "QUIT", "CANCEL", "REVOKE",
				"OPTOUT", "OPT OUT");
		assertThat(Keywords.DEFAULTS.optIn()).containsExactlyInAnyOrder("START", "UNSTOP", "OUI", "YES");
		assertThat(Keywords.DEFAULTS.help()).containsExactlyInAnyOrder("AIDE", "HELP", "INFO", "CONTACT");
	}
}
