package org.optinel.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The values a proof shows encode to exactly the bytes the chain hashes; receipts are canonical JSON. */
class ChainFieldsUnitTests {

	@Test
	void theShownFieldsEncodeToTheChainsCanonicalBytes() {
		ConsentEvent event = new ConsentEvent(TenantId.of("019a0000-0000-7000-8000-000000000001"), 7,
				"019a0000-0000-7000-8000-000000000002", new ContactId("019a0000-0000-7000-8000-000000000003"), Channel.SMS,
				"newsletter", ConsentAction.GRANT, ConsentSource.WEB_FORM, null, null, true,
				Instant.ofEpochMilli(1_700_000_000_123L), Instant.ofEpochMilli(1_700_000_000_456L), "é".repeat(3),
				ConsentChain.GENESIS, ConsentChain.GENESIS).sealed();

		assertThat(ChainFields.encode(ChainFields.of(event))).isEqualTo(ConsentChain.canonical(event));
		assertThat(ChainFields.of(event)).hasSameSizeAs(ChainFields.NAMES);
		assertThat(ConsentChain.sha256(ChainFields.encode(ChainFields.of(event)))).isEqualTo(event.hash());
	}

	@Test
	void aDoubleOptInEventShowsTheTwoMoreFieldsOfFormatTwo() {
		ConsentEvent pending = new ConsentEvent(TenantId.of("019a0000-0000-7000-8000-000000000001"), 8,
				"019a0000-0000-7000-8000-000000000004", new ContactId("019a0000-0000-7000-8000-000000000003"),
				Channel.EMAIL, "newsletter", ConsentAction.GRANT, ConsentSource.WEB_FORM, null, null, true,
				Instant.ofEpochMilli(1_700_000_000_123L), Instant.ofEpochMilli(1_700_000_000_456L), null,
				ConsentChain.GENESIS, ConsentChain.GENESIS, true, null).sealed();

		assertThat(ChainFields.of(pending)).hasSameSizeAs(ChainFields.DOUBLE_OPT_IN_NAMES).startsWith("optinel-consent-event/2");
		assertThat(ChainFields.names(pending)).endsWith("pending", "confirmsEventId");
		assertThat(ConsentChain.sha256(ChainFields.encode(ChainFields.of(pending)))).isEqualTo(pending.hash());
	}

	@Test
	void canonicalJsonSortsMembersEscapesAsRequiredAndDropsWhitespace() {
		String json = CanonicalJson.write(Map.of("b", List.of(1, true, "x\"y\\z\n\u0001"), "a", Map.of("d", 2L, "c", "é")));

		assertThat(json).isEqualTo("{\"a\":{\"c\":\"é\",\"d\":2},\"b\":[1,true,\"x\\\"y\\\\z\\n\\u0001\"]}");
		assertThatThrownBy(() -> CanonicalJson.write(Map.of("f", 1.5))).isInstanceOf(IllegalArgumentException.class);
	}
}
