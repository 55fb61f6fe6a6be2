package org.optinel.messaging.outbox;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.messaging.email.ScriptedSmtpServer;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * The outbox sending email through the SMTP provider to a scripted server that refuses one
 * address for good or for now: a permanent refusal of the recipient fails the message and makes the
 * address a hard bounce, suppressed on email in the transaction that records the failure; a
 * temporary one puts the message back in the queue for later, and it leaves then. Runs on SQLite
 * and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxEmailBounceIntegrationTests {

	static ScriptedSmtpServer smtp;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) throws Exception {
		ScriptedSmtpServer server = new ScriptedSmtpServer();
		smtp = server;
		registry.add("optinel.email.provider", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", server::port);
		registry.add("optinel.messaging.public-base-url", () -> "https://optinel.example");
		registry.add("optinel.outbox.email.poll", () -> "200ms");
		registry.add("optinel.outbox.email.backoff", () -> "1s");
	}

	@AfterAll
	static void stopSmtp() throws Exception {
		smtp.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	MailingTenant mailing;

	@BeforeEach
	void aTenantThatSendsEmail() {
		mailing = MailingTenant.create(tenants, clock, port);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	void aRecipientTheServerRefusesFor550FailsTheMessageAndIsSuppressedAsAHardBounce() {
		String email = "nobody.here@example.org";
		String contact = mailing.consentingContact(email);
		smtp.answerRecipient(email, "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown");

		String id = OutboxEmailIntegrationTests.queued(mailing.emailContact(contact, MailingTenant.MARKETING,
				"Nos offres", "Offre de la semaine.", null));

		await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(mailing.stateOf(id)));
		Api.Response failed = mailing.message(id);
		assertThat(failed.text("reason")).contains("550 5.1.1").contains("RCPT TO");
		assertThat(failed.json().path("attempts").asInt()).isEqualTo(1);
		var entries = suppressions.entries(mailing.tenant,
				hashing.email(mailing.tenant, EmailAddress.parse(email, "email")));
		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.scope()).isEqualTo(Channel.EMAIL);
			assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
		});
		assertThat(mailing.emailSuppression(email).path("reason").asString()).isEqualTo("HARD_BOUNCE");
		// The address takes no more marketing email; nothing more reaches the server for it.
		assertProblem(mailing.emailContact(contact, MailingTenant.MARKETING, "Encore", "Encore une offre.", null), 422,
				"not-eligible");
		assertThat(smtp.received()).noneMatch(data -> data.contains(email));
	}

	@Test
	void aTemporaryRefusalLeavesTheMessageQueuedForALaterAttemptWhichSendsIt() {
		String email = "mailbox.busy@example.org";
		String contact = mailing.consentingContact(email);
		smtp.answerRecipient(email, "451 4.3.0 <" + email + ">: Temporary lookup failure");
		Instant asked = clock.instant();

		String id = OutboxEmailIntegrationTests.queued(mailing.emailContact(contact, MailingTenant.MARKETING,
				"Nos offres", "Offre de la semaine.", null));

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Api.Response m = mailing.message(id);
			return "QUEUED".equals(m.text("state")) && m.json().path("attempts").asInt() == 1;
		});
		Api.Response retried = mailing.message(id);
		assertThat(retried.text("reason")).contains("451 4.3.0");
		assertThat(Instant.parse(retried.text("nextAttemptAt"))).isAfter(asked.plusSeconds(30));
		assertThat(mailing.emailSuppression(email).path("suppressed").asBoolean()).isFalse();

		smtp.answerRecipient(email, null);
		clock.advance(Duration.ofMinutes(2));

		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(mailing.stateOf(id)));
		assertThat(mailing.message(id).json().path("attempts").asInt()).isEqualTo(2);
		assertThat(smtp.received()).filteredOn(data -> data.contains(email)).hasSize(1);
	}
}
