package org.optinel.messaging.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SubmitOutcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The SMS outbox: one JSON line per message, sized as the network would bill it. */
class FileSmsGatewayUnitTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path root;

	@Test
	void appendsOneLinePerMessageWithItsEncodingAndSegments() throws Exception {
		Path file = this.root.resolve("outbox").resolve("sms.jsonl");
		FileSmsGateway gateway = new FileSmsGateway(file, CLOCK);
		String longText = "Bonjour, " + "a".repeat(190);

		SubmitOutcome single = gateway.submit(new OutboundSms("ref-1", "BOULANGE", "+33612345678",
				"Arrêt: répondez \"STOP\"\nau 36111", true)).get();
		SubmitOutcome concatenated = gateway.submit(new OutboundSms("ref-2", "36111", "+33612345678", longText, false))
			.get();

		assertThat(single).isEqualTo(new SubmitOutcome.Accepted(List.of("ref-1-1")));
		assertThat(concatenated).isEqualTo(new SubmitOutcome.Accepted(List.of("ref-2-1", "ref-2-2")));
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(2);
		JsonNode first = JSON.readTree(lines.get(0));
		assertThat(first.get("time").asString()).isEqualTo("2026-11-30T10:00:00Z");
		assertThat(first.get("reference").asString()).isEqualTo("ref-1");
		assertThat(first.get("sender").asString()).isEqualTo("BOULANGE");
		assertThat(first.get("recipient").asString()).isEqualTo("+33612345678");
		assertThat(first.get("text").asString()).isEqualTo("Arrêt: répondez \"STOP\"\nau 36111");
		assertThat(first.get("encoding").asString()).isEqualTo("UCS_2");
		assertThat(first.get("segments").asInt()).isEqualTo(1);
		assertThat(first.get("receiptRequested").asBoolean()).isTrue();
		JsonNode second = JSON.readTree(lines.get(1));
		assertThat(second.get("encoding").asString()).isEqualTo("GSM_7");
		assertThat(second.get("segments").asInt()).isEqualTo(2);
		assertThat(second.get("text").asString()).isEqualTo(longText);
	}

	@Test
	void linesFromManyThreadsAreEachWholeAndNoneIsLost() throws Exception {
		Path file = this.root.resolve("sms.jsonl");
		FileSmsGateway gateway = new FileSmsGateway(file, CLOCK);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				String text = "Offre n°" + i + " " + "x".repeat(i % 200);
				OutboundSms sms = new OutboundSms("ref-" + i, "BOULANGE", "+33612345678", text, false);
				outcomes.add(threads.submit(() -> gateway.submit(sms).get()));
			}
			for (Future<SubmitOutcome> outcome : outcomes) {
				assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(SubmitOutcome.Accepted.class);
			}
		}
		finally {
			threads.shutdown();
		}
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		Set<String> references = new HashSet<>();
		for (String line : lines) {
			references.add(JSON.readTree(line).get("reference").asString());
		}
		assertThat(lines).hasSize(400);
		assertThat(references).hasSize(400);
	}

	@Test
	void aDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
		Path occupied = Files.writeString(this.root.resolve("occupied"), "a file, not a directory");
		FileSmsGateway gateway = new FileSmsGateway(occupied.resolve("sms.jsonl"), CLOCK);

		assertThatIllegalStateException()
			.isThrownBy(() -> gateway.submit(new OutboundSms("ref", "BOULANGE", "+33612345678", "Bonjour", false)))
			.withMessageContaining(occupied.toAbsolutePath().toString());
	}

	@Test
	void aWriteThatFailsIsRetried() throws Exception {
		Path file = Files.createDirectories(this.root.resolve("sms.jsonl"));
		FileSmsGateway gateway = new FileSmsGateway(file, CLOCK);

		SubmitOutcome outcome = gateway.submit(new OutboundSms("ref", "BOULANGE", "+33612345678", "Bonjour", false))
			.get();

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Retry.class,
				retry -> assertThat(retry.reason()).contains(file.toString()));
	}
}
