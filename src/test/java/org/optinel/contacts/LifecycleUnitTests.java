package org.optinel.contacts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optinel.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/** SEED-01 and FR-03: the lifecycle follows from the last client-making activity and the client window. */
class LifecycleUnitTests {

	private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

	/** FR-03: a contact whose acts made no client (no purchase) is a prospect, whatever else they did. */
	@Test
	void withoutAClientMakingActivityTheContactIsAProspect() {
		assertThat(Lifecycle.of(null, NOW, 12)).isEqualTo(Lifecycle.PROSPECT);
		assertThat(Lifecycle.of(null, NOW, 1)).isEqualTo(Lifecycle.PROSPECT);
	}

	/** FR-03: by default only a purchase makes a client; registering or booking leaves a prospect. */
	@Test
	void byDefaultOnlyAPurchaseIsAClientMakingActivity() {
		assertThat(Tenant.DEFAULT_CLIENT_ACTIVITY_TYPES).containsExactly(ActivityType.PURCHASE.name());
		assertThat(Tenant.DEFAULT_CLIENT_WINDOW_MONTHS).isEqualTo(12);
	}

	/** SEED-01: a client-making activity within the window makes a client. */
	@Test
	void aClientMakingActivityWithinTheWindowMakesAClient() {
		assertThat(Lifecycle.of(NOW, NOW, 12)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(NOW.minus(1, ChronoUnit.DAYS), NOW, 12)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(Instant.parse("2024-07-01T00:00:00Z"), NOW, 12)).isEqualTo(Lifecycle.CLIENT);
	}

	/** SEED-01: once the last one is older than the window, the client becomes an ex-client. */
	@Test
	void aLastClientMakingActivityOlderThanTheWindowMakesAnExClient() {
		assertThat(Lifecycle.of(Instant.parse("2024-06-01T00:00:00Z"), NOW, 12)).isEqualTo(Lifecycle.EX_CLIENT);
		assertThat(Lifecycle.of(Instant.parse("2015-01-01T00:00:00Z"), NOW, 12)).isEqualTo(Lifecycle.EX_CLIENT);
	}

	/** SEED-01: the window is counted in calendar months, and its first instant still counts. */
	@ParameterizedTest(name = "[{index}] now {0}, {1} months: window opens at {2}")
	@CsvSource(delimiter = '|', textBlock = """
			2025-06-15T10:00:00Z | 12 | 2024-06-15T10:00:00Z
			2025-06-15T10:00:00Z | 1  | 2025-05-15T10:00:00Z
			2025-06-15T10:00:00Z | 24 | 2023-06-15T10:00:00Z
			2025-03-31T12:00:00Z | 1  | 2025-02-28T12:00:00Z
			2024-02-29T08:00:00Z | 12 | 2023-02-28T08:00:00Z
			2025-01-01T00:00:00Z | 12 | 2024-01-01T00:00:00Z
			""")
	void theWindowBoundaryIsExact(Instant now, int months, Instant opens) {
		assertThat(Lifecycle.windowStart(now, months)).isEqualTo(opens);
		assertThat(Lifecycle.of(opens, now, months)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(opens.plusMillis(1), now, months)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(opens.minusMillis(1), now, months)).isEqualTo(Lifecycle.EX_CLIENT);
	}

	/** SEED-01: the window is a tenant setting; the same purchase is a client for one tenant, an ex-client for another. */
	@Test
	void theWindowLengthDecides() {
		Instant eightMonthsAgo = Instant.parse("2024-10-15T10:00:00Z");

		assertThat(Lifecycle.of(eightMonthsAgo, NOW, 12)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(eightMonthsAgo, NOW, 6)).isEqualTo(Lifecycle.EX_CLIENT);
	}

	/** An activity a little ahead of the clock (allowed skew) still counts: it is within the window. */
	@Test
	void anActivitySlightlyInTheFutureMakesAClient() {
		assertThat(Lifecycle.of(NOW.plus(4, ChronoUnit.MINUTES), NOW, 12)).isEqualTo(Lifecycle.CLIENT);
	}

	/** SEED-01: the lifecycle is derived, so time alone turns a client into an ex-client. */
	@Test
	void theSamePurchaseMakesAClientThenAnExClientAsTimePasses() {
		Instant purchase = Instant.parse("2025-01-10T09:00:00Z");

		assertThat(Lifecycle.of(purchase, Instant.parse("2026-01-10T09:00:00Z"), 12)).isEqualTo(Lifecycle.CLIENT);
		assertThat(Lifecycle.of(purchase, Instant.parse("2026-01-10T09:00:00.001Z"), 12)).isEqualTo(Lifecycle.EX_CLIENT);
	}
}
