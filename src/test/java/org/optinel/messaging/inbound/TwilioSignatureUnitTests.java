package org.optinel.messaging.inbound;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's request signature, checked against the example Twilio publishes with its validators. */
class TwilioSignatureUnitTests {

	static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller",
			List.of("+14158675309"), "Digits", List.of("1234"), "From", List.of("+14158675309"), "To",
			List.of("+18005551212"));

	@Test
	void reproducesTwiliosPublishedExample() {
		assertThat(TwilioSignature.of("12345", URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
		assertThat(TwilioSignature.verify("12345", URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
	}

	@Test
	void sortsRepeatedParametersByValue() {
		Map<String, List<String>> repeated = Map.of("Sid", List.of("CA123"), "SidAccount", List.of("AC123"), "Digits",
				List.of("5678", "1234", "1234"));
		assertThat(TwilioSignature.of("12345", URL, repeated)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
	}

	@Test
	void anyChangeBreaksTheSignature() {
		String valid = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
		assertThat(TwilioSignature.verify("54321", URL, PARAMS, valid)).isFalse();
		assertThat(TwilioSignature.verify("12345", URL + "&extra=1", PARAMS, valid)).isFalse();
		assertThat(TwilioSignature.verify("12345", URL, Map.of("Digits", List.of("9999")), valid)).isFalse();
		assertThat(TwilioSignature.verify("12345", URL, PARAMS, null)).isFalse();
		assertThat(TwilioSignature.verify("12345", URL, PARAMS, "")).isFalse();
		assertThat(TwilioSignature.verify("12345", URL, PARAMS, "invalid 王")).isFalse();
	}
}
