package org.optinel.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.optinel.testing.SteppedClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-client token buckets behind the public pages' rate limit, on a clock the test moves. */
class TokenBucketsUnitTests {

	private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-03T09:00:00Z"));

	@Test
	void aClientMayUseItsBurstAtOnceAndThenWaitsForTheNextToken() {
		TokenBuckets buckets = new TokenBuckets(clock, 30, 3, 100);

		for (int i = 0; i < 3; i++) {
			assertThat(buckets.take("203.0.113.7")).isZero();
		}
		Duration wait = buckets.take("203.0.113.7");

		// 30 a minute is one token every two seconds.
		assertThat(wait).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void tokensComeBackAsTheClockMovesAndNeverBeyondTheBurst() {
		TokenBuckets buckets = new TokenBuckets(clock, 60, 2, 100);
		buckets.take("203.0.113.7");
		buckets.take("203.0.113.7");
		assertThat(buckets.take("203.0.113.7")).isPositive();

		clock.advance(Duration.ofSeconds(1));
		assertThat(buckets.take("203.0.113.7")).isZero();
		assertThat(buckets.take("203.0.113.7")).isPositive();

		clock.advance(Duration.ofHours(1));
		assertThat(buckets.take("203.0.113.7")).isZero();
		assertThat(buckets.take("203.0.113.7")).isZero();
		assertThat(buckets.take("203.0.113.7")).isPositive();
	}

	@Test
	void eachClientHasItsOwnBucket() {
		TokenBuckets buckets = new TokenBuckets(clock, 10, 1, 100);

		assertThat(buckets.take("203.0.113.7")).isZero();
		assertThat(buckets.take("203.0.113.7")).isPositive();

		assertThat(buckets.take("198.51.100.20")).isZero();
		assertThat(buckets.take("2001:db8::1")).isZero();
	}

	@Test
	void aClockSetBackTakesNoTokensAwayAndGivesNoneBack() {
		TokenBuckets buckets = new TokenBuckets(clock, 60, 1, 100);
		assertThat(buckets.take("203.0.113.7")).isZero();

		clock.advance(Duration.ofSeconds(-30));

		assertThat(buckets.take("203.0.113.7")).isPositive();
		// refilling starts again only once the clock is back where the bucket last saw it
		clock.advance(Duration.ofSeconds(30));
		assertThat(buckets.take("203.0.113.7")).isPositive();
		clock.advance(Duration.ofSeconds(1));
		assertThat(buckets.take("203.0.113.7")).isZero();
	}

	@Test
	void idleClientsAreForgottenOnceTheirBucketWouldBeFullAgain() {
		TokenBuckets buckets = new TokenBuckets(clock, 60, 5, 100);
		buckets.take("203.0.113.7");
		buckets.take("198.51.100.20");
		assertThat(buckets.tracked()).isEqualTo(2);

		clock.advance(Duration.ofSeconds(4));
		buckets.take("192.0.2.1");
		assertThat(buckets.tracked()).isEqualTo(3);

		clock.advance(Duration.ofSeconds(1));
		buckets.take("192.0.2.1");
		assertThat(buckets.tracked()).isEqualTo(1);
	}

	@Test
	void noMoreThanMaxClientsAreTrackedTheLeastRecentlySeenGoingFirst() {
		TokenBuckets buckets = new TokenBuckets(clock, 1, 1, 3);
		for (int i = 0; i < 1_000; i++) {
			buckets.take("10.0.0." + i);
		}
		assertThat(buckets.tracked()).isEqualTo(3);

		// the three most recent are still held to their budget
		assertThat(buckets.take("10.0.0.999")).isPositive();
		assertThat(buckets.take("10.0.0.997")).isPositive();
	}

	@Test
	void budgetsBelowOneAreRefused() {
		assertThatThrownBy(() -> new TokenBuckets(clock, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PublicRateLimitProperties(true, 120, 60, 0, 10, 1000))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("optinel.web.public-rate-limit.writes-per-minute");
	}
}
