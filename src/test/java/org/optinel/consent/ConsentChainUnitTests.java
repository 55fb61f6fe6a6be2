package org.optinel.consent;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical encoding of ledger events and the evidence kinds, without Spring. */
class ConsentChainUnitTests {

	private static final TenantId TENANT = TenantId.of("0192f0c1-0000-7000-8000-00000000000a");

	private static final ContactId CONTACT = new ContactId("0192f0c1-0000-7000-8000-00000000000b");

	@Test
	void theHashCoversEveryFieldAndThePreviousHash() {
		ConsentEvent event = event("newsletter", null, ConsentChain.GENESIS);

		assertThat(ConsentChain.hash(event)).hasSize(64).isEqualTo(ConsentChain.hash(event("newsletter", null, ConsentChain.GENESIS)));
		assertThat(ConsentChain.hash(event("promotions", null, ConsentChain.GENESIS))).isNotEqualTo(ConsentChain.hash(event));
		assertThat(ConsentChain.hash(event("newsletter", null, "1".repeat(64)))).isNotEqualTo(ConsentChain.hash(event));
	}

	@Test
	void lengthPrefixesKeepFieldBoundariesAndAbsentValuesApart() {
		ConsentEvent absent = event("newsletter", null, ConsentChain.GENESIS);
		ConsentEvent empty = event("newsletter", "", ConsentChain.GENESIS);
		ConsentEvent shifted = event("newslette", "r", ConsentChain.GENESIS);
		ConsentEvent unshifted = event("newsletter", "", ConsentChain.GENESIS);

		assertThat(ConsentChain.hash(absent)).isNotEqualTo(ConsentChain.hash(empty));
		assertThat(ConsentChain.hash(shifted)).isNotEqualTo(ConsentChain.hash(unshifted));
	}

	@Test
	void aGrantFromAFormNeedsItsFormIdIpAgentAndCheckbox_GDPR_02() {
		Evidence none = Evidence.of(ConsentSource.WEB_FORM, null);

		assertThat(none.missingForGrant()).extracting(v -> v.field())
			.containsExactly("evidence.formId", "evidence.ip", "evidence.userAgent", "evidence.checkbox");
		assertThat(none.document()).isEmpty();
	}

	@Test
	void anImportWithoutItsOriginalProofProvesNothing_EDPB_01() {
		EvidenceFields fields = new EvidenceFields(null, null, null, null, null, null, null, null, "imp-1", null, null, null,
				null);

		Evidence evidence = Evidence.of(ConsentSource.IMPORT, fields);

		assertThat(evidence).isInstanceOf(Evidence.Import.class);
		assertThat(evidence.proves()).isFalse();
		assertThat(evidence.missingForGrant()).isEmpty();
		assertThat(ConsentStatus.after(ConsentAction.GRANT, evidence.proves())).isEqualTo(ConsentStatus.UNPROVEN);
	}

	@Test
	void evidenceOfAnotherSourceIsRefusedNotDropped() {
		EvidenceFields fields = new EvidenceFields("form-1", null, null, null, null, null, null, null, null, null, null, null,
				null);

		assertThatThrownBy(() -> Evidence.of(ConsentSource.SMS_REPLY, fields)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("evidence.formId");
	}

	@Test
	void theEvidenceDocumentSortsItsKeys() {
		Evidence evidence = Evidence.of(ConsentSource.EMAIL_CLICK,
				new EvidenceFields(null, " 203.0.113.7 ", null, null, "m-1", null, null, "t-1", null, null, null, null, null));

		assertThat(List.copyOf(evidence.document().keySet())).containsExactly("ip", "messageId", "token");
		assertThat(evidence.document().get("ip")).isEqualTo("203.0.113.7");
	}

	private static ConsentEvent event(String purpose, String noticeId, String previous) {
		return new ConsentEvent(TENANT, 1, "0192f0c1-0000-7000-8000-00000000000c", CONTACT, Channel.SMS, purpose,
				ConsentAction.GRANT, ConsentSource.API, noticeId, null, true, Instant.ofEpochMilli(1_700_000_000_000L),
				Instant.ofEpochMilli(1_700_000_000_500L), null, previous, ConsentChain.GENESIS);
	}
}
