package org.optinel.messaging.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry back-off and the rate limit the dispatchers pace themselves with. */
class DispatchSettingsUnitTests {

	@Test
	void theBackoffDoublesFromItsFirstPauseUpToItsCeiling() {
		DispatchSettings s = new DispatchSettings(4, 16, 0, 0, 8, Duration.ofSeconds(30), Duration.ofMinutes(5),
				Duration.ofSeconds(10), Duration.ofSeconds(1));

		assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(s.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(s.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(s.backoffAfter(4)).isEqualTo(Duration.ofSeconds(240));
		assertThat(s.backoffAfter(5)).isEqualTo(Duration.ofMinutes(5));
		assertThat(s.backoffAfter(50)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void settingsThatCannotWorkAreRefusedWithWhatToFix() {
		assertThatThrownBy(() -> new DispatchSettings(8, 4, 0, 0, 8, Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.hasMessageContaining("in-flight must be at least the concurrency");
		assertThatThrownBy(() -> new DispatchSettings(1, 1, -1, 0, 8, Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.hasMessageContaining("rates must be >= 0");
		assertThatThrownBy(() -> new OutboxProperties.Channel(0, 1, 0, 0, 1, Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)).settings("optinel.outbox.sms"))
			.hasMessageStartingWith("optinel.outbox.sms: concurrency");
	}

	@Test
	void aRateLimitSpacesItsCallers() {
		RateLimit limit = new RateLimit(200);
		long start = System.nanoTime();
		for (int i = 0; i < 41; i++) {
			limit.acquire();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		// 41 calls at 200/s: the first at once, then 5 ms apart.
		assertThat(seconds).as("41 calls at 200/s").isGreaterThan(0.18);
		assertThat(new RateLimit(0).unlimited()).isTrue();
	}
}
