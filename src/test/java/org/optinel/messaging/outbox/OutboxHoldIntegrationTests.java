package org.optinel.messaging.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holding an origin (a paused campaign) and ending it (a closed one) reach the messages that were
 * being sent at that moment: one that comes back to the queue, after a temporary failure or a
 * deferral, is held or ended instead of queued, so nothing leaves after a pause or a close.
 * Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxHoldIntegrationTests {

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxStore store;

	TenantId tenant;

	/** Far enough ahead that no running dispatcher takes the message; the test claims it itself. */
	Instant later;

	@BeforeEach
	void aTenant() {
		tenant = tenants.create().tenant().id();
		later = clock.instant().plus(Duration.ofDays(3));
	}

	@Test
	@DisplayName("SEED-04: a campaign message being sent when the campaign is paused comes back held, not queued, "
			+ "and goes back to the queue on resume")
	void aMessageInFlightWhenPausedComesBackHeld() {
		OutboxMessage m = inFlight("campaign-paused");

		assertThat(outbox.hold(tenant, Origin.CAMPAIGN, "campaign-paused")).as("nothing queued to move").isZero();
		retried(m);

		assertThat(stateOf(m)).isEqualTo(MessageState.HELD);
		assertThat(outbox.release(tenant, Origin.CAMPAIGN, "campaign-paused")).isEqualTo(1);
		assertThat(stateOf(m)).isEqualTo(MessageState.QUEUED);
		OutboxMessage again = claimed(m);
		retried(again);
		assertThat(stateOf(m)).as("released: a retry queues again").isEqualTo(MessageState.QUEUED);
	}

	@Test
	@DisplayName("SEED-04: a campaign message being sent when the campaign is closed ends EXPIRED when it comes back")
	void aMessageInFlightWhenClosedEnds() {
		OutboxMessage m = inFlight("campaign-closed");
		outbox.hold(tenant, Origin.CAMPAIGN, "campaign-closed");

		outbox.cancel(tenant, Origin.CAMPAIGN, "campaign-closed");
		retried(m);

		assertThat(stateOf(m)).isEqualTo(MessageState.EXPIRED);
	}

	@Test
	@DisplayName("Another origin's retry is untouched by a hold")
	void anotherOriginsRetryQueuesAgain() {
		OutboxMessage held = inFlight("campaign-a");
		OutboxMessage other = inFlight("campaign-b");
		outbox.hold(tenant, Origin.CAMPAIGN, "campaign-a");

		retried(held);
		retried(other);

		assertThat(stateOf(held)).isEqualTo(MessageState.HELD);
		assertThat(stateOf(other)).isEqualTo(MessageState.QUEUED);
	}

	private OutboxMessage inFlight(String campaign) {
		OutboxMessage m = outbox.enqueue(new NewMessage(tenant, Channel.SMS, "+33612000" + (campaign.hashCode() & 0xFFF),
				null, "promotions", false, Origin.CAMPAIGN, campaign, null, "ACME", null, null, "Bonjour", null, later,
				null)).message();
		return claimed(m);
	}

	private OutboxMessage claimed(OutboxMessage m) {
		List<OutboxMessage> claimed = store.claim(tenant, Channel.SMS, later.plus(Duration.ofDays(10)), 100);
		assertThat(claimed).extracting(OutboxMessage::id).contains(m.id());
		assertThat(stateOf(m)).isEqualTo(MessageState.SUBMITTING);
		return claimed.stream().filter(c -> c.id().equals(m.id())).findFirst().orElseThrow();
	}

	/** What a dispatcher records after a temporary failure: back to the queue, to try again later. */
	private void retried(OutboxMessage m) {
		store.settle(List.of(new OutboxStore.Settlement(tenant, m.id(), MessageState.QUEUED, "SMSC busy",
				later.plus(Duration.ofDays(2)), true, null, List.of(), clock.instant())));
	}

	private MessageState stateOf(OutboxMessage m) {
		return outbox.find(tenant, m.id()).state();
	}
}
