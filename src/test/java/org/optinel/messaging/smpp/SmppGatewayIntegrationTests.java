package org.optinel.messaging.smpp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.IncomingSms;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsEncoding;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SmsText;
import org.optinel.messaging.SubmitOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SMPP gateway against a real SMPP server session on loopback, with the faults the issue
 * names: a dropped connection mid-batch, throttling, late answers. What is checked every time: no
 * message is taken twice, and a message is missing only where the gateway said it was uncertain.
 */
class SmppGatewayIntegrationTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

	private TestSmsc smsc;

	private SmppGateway gateway;

	private final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();

	private final List<IncomingSms> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startSmsc() throws Exception {
		this.smsc = new TestSmsc();
	}

	@AfterEach
	void stop() throws Exception {
		if (this.gateway != null) {
			this.gateway.close();
		}
		this.smsc.close();
	}

	@Test
	void submitsAWindowOfMessagesAndTheSmscTakesEachOnce() throws Exception {
		start(settings().withWindow(8));

		List<SubmitOutcome> outcomes = sendAll(numbered("batch", 300));

		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(copiesAtSmsc()).hasSize(300).allSatisfy((text, copies) -> assertThat(copies).isEqualTo(1));
		assertThat(this.gateway.bindCount()).isEqualTo(1);
	}

	@Test
	void aLongTextGoesAsConcatenatedPartsThatCarryTheirHeader() throws Exception {
		start(settings());
		String text = "Bonjour, " + "a".repeat(190);

		SubmitOutcome outcome = this.gateway.submit(sms("ref-1", text)).get(10, TimeUnit.SECONDS);

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		assertThat(((SubmitOutcome.Accepted) outcome).providerIds()).hasSize(2);
		List<TestSmsc.Submission> parts = this.smsc.submissions();
		assertThat(parts).hasSize(2).allSatisfy(part -> {
			assertThat(part.esmClass() & 0x40).isEqualTo(0x40);
			assertThat(part.dataCoding()).isEqualTo((byte) 0x00);
			assertThat(part.destination()).isEqualTo("33612345678");
		});
		byte[] first = parts.get(0).shortMessage();
		byte[] second = parts.get(1).shortMessage();
		assertThat(new byte[] { first[0], first[1], first[2], first[4], first[5] }).containsExactly(5, 0, 3, 2, 1);
		assertThat(second[3]).isEqualTo(first[3]);
		assertThat(second[5]).isEqualTo((byte) 2);
		assertThat(body(first, SmsEncoding.GSM_7) + body(second, SmsEncoding.GSM_7)).isEqualTo(text);
	}

	@Test
	void aTextOutsideTheGsmAlphabetGoesAsUcs2() throws Exception {
		start(settings());

		SubmitOutcome outcome = this.gateway.submit(sms("ref-2", "Arrêt au 36111")).get(10, TimeUnit.SECONDS);

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		TestSmsc.Submission submission = this.smsc.submissions().get(0);
		assertThat(submission.dataCoding()).isEqualTo((byte) 0x08);
		assertThat(new String(submission.shortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("Arrêt au 36111");
	}

	@Test
	void throttlingAndAFullQueueSlowTheGatewayDownAndEveryMessageStillGoesOnce() throws Exception {
		start(settings().withWindow(4));
		this.smsc.throttleNext(6);
		this.smsc.queueFullNext(3);

		List<SubmitOutcome> outcomes = sendAll(numbered("throttled", 60));

		assertThat(this.smsc.throttledCount()).isEqualTo(9);
		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(copiesAtSmsc()).hasSize(60).allSatisfy((text, copies) -> assertThat(copies).isEqualTo(1));
	}

	@Test
	void aConnectionDroppedMidBatchIsBoundAgainAndNoMessageIsTakenTwice() throws Exception {
		start(settings().withWindow(8).withTimings(Duration.ofMillis(1_500), Duration.ofMillis(100), Duration.ofMillis(50)));
		this.smsc.dropConnectionAtArrival(40);
		this.smsc.dropConnectionAtArrival(150);
		List<OutboundSms> messages = numbered("dropped", 200);

		List<SubmitOutcome> outcomes = sendAll(messages);
		// What was certainly not handed over is offered again, as the outbox will do.
		List<OutboundSms> toRetry = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			if (outcomes.get(i) instanceof SubmitOutcome.Retry) {
				toRetry.add(messages.get(i));
			}
		}
		List<SubmitOutcome> retried = sendAll(toRetry);

		assertThat(this.gateway.bindCount()).isGreaterThanOrEqualTo(3);
		assertThat(retried).allMatch(SubmitOutcome.Accepted.class::isInstance);
		Map<String, Integer> copies = copiesAtSmsc();
		assertThat(copies.values()).allMatch(n -> n == 1);
		for (int i = 0; i < messages.size(); i++) {
			String text = messages.get(i).text();
			if (outcomes.get(i) instanceof SubmitOutcome.Uncertain) {
				assertThat(copies.getOrDefault(text, 0)).isLessThanOrEqualTo(1);
			}
			else {
				assertThat(copies).as("copies of %s", text).containsEntry(text, 1);
			}
		}
		long uncertain = outcomes.stream().filter(SubmitOutcome.Uncertain.class::isInstance).count();
		assertThat(uncertain).as("only what was in flight at a drop is uncertain").isLessThanOrEqualTo(2L * 8);
	}

	@Test
	void aLateAnswerWithinTheTimeoutIsStillAnAcceptance() throws Exception {
		start(settings().withTimings(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(50)));
		this.smsc.answerAfter(400);

		List<SubmitOutcome> outcomes = sendAll(numbered("late", 16));

		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(copiesAtSmsc()).hasSize(16);
	}

	@Test
	void anAnswerThatNeverComesMakesTheMessageUncertainAndItIsNotOfferedAgain() throws Exception {
		start(settings().withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(50)));
		this.smsc.answerAfter(1_000);

		SubmitOutcome outcome = this.gateway.submit(sms("ref-3", "slow")).get(10, TimeUnit.SECONDS);

		assertThat(outcome).isInstanceOf(SubmitOutcome.Uncertain.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.smsc.submissions().size() == 1);
		Thread.sleep(300);
		assertThat(this.smsc.submissions()).hasSize(1);
	}

	@Test
	void aNumberTheSmscRefusesIsRejectedForGood() throws Exception {
		start(settings());
		this.smsc.refuse("33699999999");

		SubmitOutcome outcome = this.gateway
			.submit(new OutboundSms("ref-4", "OPTINEL", "+33699999999", "hello", false))
			.get(10, TimeUnit.SECONDS);

		assertThat(outcome).isInstanceOf(SubmitOutcome.Rejected.class);
		assertThat(((SubmitOutcome.Rejected) outcome).reason()).contains("0x0000000b");
	}

	@Test
	void deliveryReceiptsAndMessagesFromPeopleReachTheListener() throws Exception {
		start(settings());
		this.gateway.submit(sms("ref-5", "hello")).get(10, TimeUnit.SECONDS);
		String providerId = this.smsc.submissions().get(0).messageId();

		this.smsc.deliverReceipt("id:" + providerId
				+ " sub:001 dlvrd:001 submit date:2611301000 done date:2611301001 stat:DELIVRD err:000 text:hello");
		this.smsc.deliverFromPerson("33612345678", "36111", (byte) 0x00, SmsText.encode("STOP", SmsEncoding.GSM_7));
		this.smsc.deliverFromPerson("262692123456", "36111", (byte) 0x08, "Arrêt 😀".getBytes(StandardCharsets.UTF_16BE));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.reports.size() == 1 && this.received.size() == 2);
		DeliveryReport report = this.reports.get(0);
		assertThat(report.providerId()).isEqualTo(providerId);
		assertThat(report.state()).isEqualTo(DeliveryReport.State.DELIVERED);
		assertThat(this.received).extracting(IncomingSms::from, IncomingSms::to, IncomingSms::text)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("+33612345678", "36111", "STOP"),
					org.assertj.core.groups.Tuple.tuple("+262692123456", "36111", "Arrêt 😀"));
	}

	@Test
	void theSameMessageDeliveredTwiceTheSameDayKeepsItsId() {
		Instant morning = Instant.parse("2026-11-30T08:00:00Z");
		Instant evening = Instant.parse("2026-11-30T20:00:00Z");

		assertThat(SmppGateway.moId("+33612345678", "36111", "STOP", morning))
			.isEqualTo(SmppGateway.moId("+33612345678", "36111", "STOP", evening))
			.isNotEqualTo(SmppGateway.moId("+33612345678", "36111", "STOP", morning.plus(Duration.ofDays(1))))
			.isNotEqualTo(SmppGateway.moId("+33612345679", "36111", "STOP", morning));
	}

	private void start(SmppSettings settings) throws InterruptedException {
		this.gateway = new SmppGateway(settings, new SmsGateway.Listener() {
			@Override
			public void onDeliveryReport(DeliveryReport report) {
				reports.add(report);
			}

			@Override
			public void onReceived(IncomingSms sms) {
				received.add(sms);
			}
		}, CLOCK);
		this.gateway.start();
		assertThat(this.gateway.awaitBound(Duration.ofSeconds(10))).isTrue();
	}

	private SmppSettings settings() {
		return SmppSettings.of("127.0.0.1", this.smsc.port(), TestSmsc.SYSTEM_ID, TestSmsc.PASSWORD)
			.withTimings(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(20));
	}

	private List<SubmitOutcome> sendAll(List<OutboundSms> messages) {
		List<CompletableFuture<SubmitOutcome>> futures = messages.stream().map(this.gateway::submit).toList();
		return futures.stream().map(CompletableFuture::join).toList();
	}

	private Map<String, Integer> copiesAtSmsc() {
		return this.smsc.submissions()
			.stream()
			.map(s -> body(s.shortMessage(), SmsEncoding.GSM_7))
			.collect(Collectors.toMap(Function.identity(), text -> 1, Integer::sum, HashMap::new));
	}

	private static List<OutboundSms> numbered(String prefix, int count) {
		List<OutboundSms> messages = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			messages.add(sms(prefix + "-" + i, prefix + " message " + i));
		}
		return messages;
	}

	private static OutboundSms sms(String reference, String text) {
		return new OutboundSms(reference, "OPTINEL", "+33612345678", text, true);
	}

	/** The text of a part, without its concatenation header when it has one. */
	private static String body(byte[] shortMessage, SmsEncoding encoding) {
		boolean header = shortMessage.length > 6 && shortMessage[0] == 5 && shortMessage[1] == 0 && shortMessage[2] == 3;
		byte[] body = header ? java.util.Arrays.copyOfRange(shortMessage, 6, shortMessage.length) : shortMessage;
		return SmsText.decode(body, encoding);
	}
}
