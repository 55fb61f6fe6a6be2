package org.optinel.testing;

import java.util.List;
import java.util.Map;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person with something in every module that keeps personal data: the contact with names and an
 * external reference, a purchase, an email consent given on a web form (IP and browser as
 * evidence), an SMS reply and an SMS STOP (a suppression, a withdrawal with the message as evidence,
 * an owed confirmation in the outbox), an email objection on the suppression list, and an email in
 * the outbox to the address alone. For the erasure, export and purge tests.
 */
public final class Persons {

	/** Every table in which a person's data is or was kept, and those it must never reach. */
	public static final List<String> TABLES = List.of("contact", "activity", "consent_event", "consent_evidence",
			"consent_state", "consent_confirmation", "idempotency_key", "inbound_sms", "sms_reply", "outbox_message",
			"outbox_part", "suppression", "suppression_history", "audit_log", "import_job", "import_error");

	private final Api api;

	private final TenantId tenant;

	private final Outbox outbox;

	private int serial;

	public Persons(Api api, TenantId tenant, Outbox outbox) {
		this.api = api;
		this.tenant = tenant;
		this.outbox = outbox;
	}

	/** A person as made here, and the strings that identify them in the data. */
	public record Person(String contactId, String phone, String email, String noticeId, List<String> markers) {
	}

	/** Declares the purpose {@code newsletter} and its notice; answers the notice id. */
	public String newsletter() {
		created(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\"}"));
		return created(api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Recevez notre lettre chaque mois.\"}"))
			.text("id");
	}

	/**
	 * A person with a history everywhere; {@code digits} are the last two digits of the phone
	 * (06 12 34 56 xx), which tells persons apart.
	 */
	public Person withHistory(String noticeId, String digits, String firstName) {
		String phone = "+336123456" + digits;
		String email = firstName.toLowerCase(java.util.Locale.ROOT) + ".dupont" + digits + "@example.fr";
		String displayedEmail = firstName + ".Dupont" + digits + "@Example.fr";
		String lastName = "Dupont" + digits;
		String reference = "CRM-" + digits + "-4711";
		String contactId = created(api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 " + digits + "\",\"email\":\""
				+ displayedEmail + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName
				+ "\",\"externalRef\":\"" + reference + "\",\"locale\":\"fr-FR\"}")).text("id");
		created(api.post("/api/v1/contacts/" + contactId + "/activities", "{\"type\":\"PURCHASE\"}"));
		String ip = "203.0.113." + Integer.parseInt(digits);
		String browser = "Mozilla/5.0 (" + firstName + "'s laptop)";
		created(api.post("/api/v1/consents", "{\"contactId\":\"" + contactId + "\",\"channel\":\"EMAIL\","
				+ "\"purpose\":\"newsletter\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + noticeId
				+ "\",\"evidence\":{\"formId\":\"signup-2025\",\"ip\":\"" + ip + "\",\"userAgent\":\"" + browser + "\","
				+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}}"));
		String thanks = "Merci " + firstName + " ici";
		ok(api.post("/api/v1/inbound/sms", "{\"from\":\"" + phone + "\",\"to\":\"36180\",\"text\":\"" + thanks
				+ "\",\"messageId\":\"SM-thanks-" + digits + "-" + (++serial) + "\"}"));
		ok(api.post("/api/v1/inbound/sms", "{\"from\":\"" + phone + "\",\"to\":\"36180\",\"text\":\"STOP\","
				+ "\"messageId\":\"SM-stop-" + digits + "-" + (++serial) + "\"}"));
		Api.Response objection = api.post("/api/v1/suppressions", "{\"email\":\"" + displayedEmail
				+ "\",\"channel\":\"EMAIL\",\"reason\":\"OBJECTION\",\"evidence\":{\"form\":\"preferences\"}}");
		assertThat(objection.status()).as(objection.body()).isIn(200, 201);
		outbox.enqueue(new NewMessage(tenant, Channel.EMAIL, displayedEmail, null, "newsletter", true, Origin.API, null,
				"welcome-" + digits + "-" + (++serial), "news@shop.example", "Shop", "Bonjour " + firstName,
				"Bonjour " + firstName + ", bienvenue.", null, null, null));
		return new Person(contactId, phone, email, noticeId,
				List.of(phone, phone.substring(3), email, displayedEmail, lastName, reference, ip, browser, thanks,
						"Bonjour " + firstName));
	}

	/** The rows of the tenant in {@code TABLES} that hold one of the person's markers, as "table: row". */
	public static List<String> rowsHolding(JdbcClient jdbc, TenantId tenant, Person person) {
		List<String> found = new java.util.ArrayList<>();
		for (String table : TABLES) {
			for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table + " WHERE tenant_id = ?")
				.param(tenant.value())
				.query()
				.listOfRows()) {
				String text = row.values().toString().toLowerCase(java.util.Locale.ROOT);
				for (String marker : person.markers()) {
					if (text.contains(marker.toLowerCase(java.util.Locale.ROOT))) {
						found.add(table + ": " + row);
						break;
					}
				}
			}
		}
		return found;
	}

	/** How many rows of a table belong to the tenant. */
	public static long count(JdbcClient jdbc, String table, TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value()).query(Long.class).single();
	}

	private static Api.Response created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}

	private static Api.Response ok(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}
}
