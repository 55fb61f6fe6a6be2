package org.optinel.consent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How pending and confirming grants are chained and projected. */
class DoubleOptInUnitTests {

	private static final TenantId TENANT = TenantId.of("0192f0c1-0000-7000-8000-00000000000a");

	private static final ContactId CONTACT = new ContactId("0192f0c1-0000-7000-8000-00000000000b");

	private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

	@Test
	void anEventOutsideDoubleOptInKeepsTheFirstFormatAndItsHash() {
		ConsentEvent plain = event(false, null);

		assertThat(new String(ConsentChain.canonical(plain), java.nio.charset.StandardCharsets.UTF_8))
			.contains("optinel-consent-event/1")
			.doesNotContain("optinel-consent-event/2");
		assertThat(plain.hash()).isEqualTo(ConsentChain.hash(plain));
	}

	@Test
	void theChainCommitsToPendingAndToTheConfirmedEvent() {
		ConsentEvent plain = event(false, null);
		ConsentEvent pending = event(true, null);
		ConsentEvent confirming = event(false, "0192f0c1-0000-7000-8000-00000000000d");

		assertThat(pending.hash()).isNotEqualTo(plain.hash()).isNotEqualTo(confirming.hash());
		assertThat(pending.status()).isEqualTo(ConsentStatus.PENDING);
		assertThat(confirming.status()).isEqualTo(ConsentStatus.GRANTED);
	}

	@Test
	@DisplayName("GDPR-01: an answer through the channel it grants needs no second confirmation; "
			+ "an SMS reply granting email, a form or the API still does")
	void anAnswerThroughTheChannelItGrantsIsItsOwnConfirmation() {
		Set<Channel> both = EnumSet.of(Channel.SMS, Channel.EMAIL);

		assertThat(DoubleOptInManagement.applies(both, Channel.SMS, ConsentSource.SMS_REPLY)).isFalse();
		assertThat(DoubleOptInManagement.applies(both, Channel.EMAIL, ConsentSource.EMAIL_CLICK)).isFalse();
		assertThat(DoubleOptInManagement.applies(both, Channel.EMAIL, ConsentSource.IMPORT)).isFalse();
		assertThat(DoubleOptInManagement.applies(both, Channel.SMS, ConsentSource.EMAIL_CLICK))
			.as("the link of an SMS, clicked").isFalse();
		assertThat(DoubleOptInManagement.applies(both, Channel.EMAIL, ConsentSource.SMS_REPLY)).isTrue();
		assertThat(DoubleOptInManagement.applies(both, Channel.EMAIL, ConsentSource.WEB_FORM)).isTrue();
		assertThat(DoubleOptInManagement.applies(both, Channel.SMS, ConsentSource.PREFERENCE_CENTRE))
			.as("no address is typed in the preference centre").isFalse();
		assertThat(DoubleOptInManagement.applies(EnumSet.of(Channel.SMS), Channel.EMAIL, ConsentSource.API))
			.isFalse();
	}

	@Test
	void onlyAProvenGrantCanBePending() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConsentEvent(TENANT, 1, "id", CONTACT, Channel.SMS,
				"newsletter", ConsentAction.WITHDRAW, ConsentSource.API, null, null, true, AT, AT, null,
				ConsentChain.GENESIS, ConsentChain.GENESIS, true, null));
	}

	@Test
	void aPendingGrantNeverReplacesAConfirmedOne() {
		ConsentState granted = new ConsentState(CONTACT, Channel.SMS, "newsletter", ConsentStatus.GRANTED, AT, 1, false);
		ConsentState pendingLater = new ConsentState(CONTACT, Channel.SMS, "newsletter", ConsentStatus.PENDING,
				AT.plusSeconds(60), 2, false);
		ConsentState withdrawn = new ConsentState(CONTACT, Channel.SMS, "newsletter", ConsentStatus.WITHDRAWN, AT, 1, false);

		assertThat(pendingLater.replaces(granted)).isFalse();
		assertThat(pendingLater.replaces(withdrawn)).isTrue();
	}

	@Test
	void aCodeMatchesOnlyItselfAndIsStoredHashed() {
		Confirmation confirmation = new Confirmation(TENANT, "e", ConfirmationMethod.SMS_CODE, "salt",
				Confirmation.hash("salt", "123456"), 0, AT, AT.plusSeconds(60), null);

		assertThat(confirmation.matches("123456")).isTrue();
		assertThat(confirmation.matches("123457")).isFalse();
		assertThat(confirmation.matches(null)).isFalse();
		assertThat(confirmation.secretSha256()).doesNotContain("123456");
		assertThat(confirmation.expiredAt(AT.plusSeconds(60))).isTrue();
	}

	private static ConsentEvent event(boolean pending, String confirms) {
		return new ConsentEvent(TENANT, 1, "0192f0c1-0000-7000-8000-00000000000c", CONTACT, Channel.SMS, "newsletter",
				ConsentAction.GRANT, ConsentSource.API, null, null, true, AT, AT, null, ConsentChain.GENESIS,
				ConsentChain.GENESIS, pending, confirms).sealed();
	}
}
