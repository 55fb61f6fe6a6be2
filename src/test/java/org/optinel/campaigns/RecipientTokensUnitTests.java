package org.optinel.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation links' tokens: unguessable, and made in the order they sort in. */
class RecipientTokensUnitTests {

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{22}");

	@Test
	void aLaunchsTokensSortInTheOrderTheyAreMadeAndNeverRepeat() {
		RecipientTokens tokens = new RecipientTokens(Instant.parse("2026-11-24T09:00:00Z"));
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			made.add(tokens.next());
		}

		assertThat(made).allMatch(t -> BASE64URL.matcher(t).matches(), "22 base64url characters, as links always had");
		assertThat(made).isSorted();
		assertThat(new HashSet<>(made)).hasSize(made.size());
	}

	@Test
	void aLaterLaunchsTokensSortAfterAnEarlierOnes() {
		String earlier = new RecipientTokens(Instant.parse("2026-11-24T09:00:00Z")).next();
		RecipientTokens later = new RecipientTokens(Instant.parse("2026-11-24T09:00:01Z"));

		assertThat(later.next()).isGreaterThan(earlier);
	}

	@Test
	void twoLaunchesInTheSameSecondShareOnlyTheirPrefix() {
		Instant at = Instant.parse("2026-11-24T09:00:00Z");
		String a = new RecipientTokens(at).next();
		String b = new RecipientTokens(at).next();

		assertThat(a).isNotEqualTo(b);
		// Second (32 bits) and rank (24 bits) fill the first 56 bits: nine characters and two bits of the tenth.
		assertThat(a.substring(0, 9)).isEqualTo(b.substring(0, 9));
		Set<String> tails = new HashSet<>();
		RecipientTokens tokens = new RecipientTokens(at);
		for (int i = 0; i < 1_000; i++) {
			tails.add(tokens.next().substring(10));
		}
		assertThat(tails).as("72 random bits after the rank").hasSize(1_000);
	}

	@Test
	void theEncodingKeepsTheOrderOfTheBytes() {
		Random random = new Random(7);
		for (int i = 0; i < 10_000; i++) {
			byte[] a = new byte[16];
			byte[] b = new byte[16];
			random.nextBytes(a);
			random.nextBytes(b);
			if (i % 3 == 0) {
				System.arraycopy(a, 0, b, 0, random.nextInt(16)); // a common prefix
			}
			assertThat(Integer.signum(RecipientTokens.encode(a).compareTo(RecipientTokens.encode(b))))
				.isEqualTo(Integer.signum(Arrays.compareUnsigned(a, b)));
		}
		assertThat(RecipientTokens.encode(new byte[16])).isEqualTo("-".repeat(22));
		byte[] ones = new byte[16];
		Arrays.fill(ones, (byte) 0xFF);
		assertThat(RecipientTokens.encode(ones)).isEqualTo("z".repeat(21) + "k");
	}
}
