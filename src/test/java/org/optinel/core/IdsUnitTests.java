package org.optinel.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.optinel.testing.SteppedClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ids are UUIDv7 (RFC 9562) and strictly increasing, whatever the clock does. */
class IdsUnitTests {

	private static final Instant START = Instant.parse("2025-06-15T10:00:00.123Z");

	@Test
	void anIdIsACanonicalUuidVersion7CarryingTheClockTime() {
		String id = new Ids(Clock.fixed(START, ZoneOffset.UTC)).next();

		UUID uuid = UUID.fromString(id);
		assertThat(uuid.toString()).isEqualTo(id);
		assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(uuid.version()).isEqualTo(7);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(millisOf(uuid)).isEqualTo(START.toEpochMilli());
	}

	@Test
	void onlyTheCanonicalFormIsAnId() {
		String id = new Ids(Clock.fixed(START, ZoneOffset.UTC)).next();

		assertThat(Ids.isCanonical(id)).isTrue();
		assertThat(Ids.isCanonical("1-1-1-1-1")).as("UUID.fromString would take it").isFalse();
		assertThat(Ids.isCanonical(id.toUpperCase(java.util.Locale.ROOT))).isFalse();
		assertThat(Ids.isCanonical(id + "0")).isFalse();
		assertThatThrownBy(() -> TenantId.of("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theCheckAgreesWithTheCanonicalPatternOnEveryOneCharacterChange() {
		java.util.regex.Pattern canonical = java.util.regex.Pattern
			.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		String id = new Ids(Clock.fixed(START, ZoneOffset.UTC)).next();
		String alphabet = "0123456789abcdefABCDEFgz-_ {}\u00e9";
		for (int at = 0; at < id.length(); at++) {
			for (char c : alphabet.toCharArray()) {
				String changed = id.substring(0, at) + c + id.substring(at + 1);
				assertThat(Ids.isCanonical(changed)).as(changed).isEqualTo(canonical.matcher(changed).matches());
			}
		}
		assertThat(Ids.isCanonical(id.substring(1))).isFalse();
		assertThat(Ids.isCanonical(null)).isFalse();
	}

	@Test
	void idsIncreaseStrictlyWhileTheClockStandsStill() {
		Ids ids = new Ids(Clock.fixed(START, ZoneOffset.UTC));

		List<String> issued = issue(ids, 10_000);

		assertStrictlyIncreasingVersion7(issued);
		assertThat(millisOf(UUID.fromString(issued.get(0)))).isEqualTo(START.toEpochMilli());
	}

	@Test
	void idsIncreaseStrictlyWhenTheClockGoesBackwards() {
		SteppedClock clock = new SteppedClock(START);
		Ids ids = new Ids(clock);
		List<String> issued = new ArrayList<>(issue(ids, 100));

		clock.set(START.minus(Duration.ofHours(1)));
		issued.addAll(issue(ids, 100));
		clock.set(START.minusMillis(1));
		issued.addAll(issue(ids, 100));

		assertStrictlyIncreasingVersion7(issued);
	}

	@Test
	void idsFollowTheClockAgainOnceItMovesForward() {
		SteppedClock clock = new SteppedClock(START);
		Ids ids = new Ids(clock);
		String before = ids.next();

		clock.set(START.plusSeconds(1));
		String after = ids.next();

		assertThat(after).isGreaterThan(before);
		assertThat(millisOf(UUID.fromString(after))).isEqualTo(START.plusSeconds(1).toEpochMilli());
	}

	/** Ids are compared as text by the databases (ORDER BY contact_id): text order is issue order. */
	@Test
	void idsIssuedFromManyThreadsAreAllDistinct() throws Exception {
		Ids ids = new Ids(Clock.fixed(START, ZoneOffset.UTC));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<List<String>>> batches = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				batches.add(() -> issue(ids, 5_000));
			}
			Set<String> all = new HashSet<>();
			for (Future<List<String>> batch : pool.invokeAll(batches)) {
				List<String> issued = batch.get();
				assertStrictlyIncreasingVersion7(issued);
				all.addAll(issued);
			}
			assertThat(all).hasSize(20_000);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<String> issue(Ids ids, int count) {
		List<String> issued = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			issued.add(ids.next());
		}
		return issued;
	}

	private static void assertStrictlyIncreasingVersion7(List<String> issued) {
		for (int i = 0; i < issued.size(); i++) {
			UUID uuid = UUID.fromString(issued.get(i));
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
			if (i > 0) {
				assertThat(issued.get(i)).as("id %d", i).isGreaterThan(issued.get(i - 1));
			}
		}
	}

	/** The 48-bit Unix millisecond timestamp at the front of a UUIDv7. */
	private static long millisOf(UUID uuid) {
		return uuid.getMostSignificantBits() >>> 16;
	}
}
