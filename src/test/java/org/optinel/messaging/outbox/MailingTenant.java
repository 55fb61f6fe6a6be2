package org.optinel.messaging.outbox;

import java.net.http.HttpRequest;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh tenant that sends email, set up through the API as a caller would: a marketing purpose
 * ({@value #MARKETING}) with its notice, a transactional one ({@value #TRANSACTIONAL}), and a
 * sender profile whose From names the sender (EP-03). The clock stands on a Tuesday morning, so
 * that no rule of time can be what lets a message through or holds it back.
 */
final class MailingTenant {

	static final String MARKETING = "promotions";

	static final String TRANSACTIONAL = "orders";

	static final String FROM_ADDRESS = "news@boulangerie.example";

	static final String FROM_NAME = "Boulangerie Dupont";

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	final TenantId tenant;

	final Api api;

	private final String name;

	private final String notice;

	private MailingTenant(TenantId tenant, String name, Api api, String notice) {
		this.tenant = tenant;
		this.name = name;
		this.api = api;
		this.notice = notice;
	}

	/** The tenant's name, which its public pages show. */
	String tenantName() {
		return name;
	}

	/** Sets the clock on the next ordinary Tuesday at 09:00 UTC and makes the tenant. */
	static MailingTenant create(TestTenants tenants, TestClock clock, int port) {
		clock.reset();
		clock.moveToATuesdayMorning();
		var issued = tenants.create();
		Api api = new Api(port, issued.apiKey());
		assertCreated(api.post("/api/v1/purposes", "{\"key\":\"" + MARKETING
				+ "\",\"name\":\"Promotions\",\"kind\":\"MARKETING\",\"similarProducts\":false}"));
		assertCreated(api.post("/api/v1/purposes", "{\"key\":\"" + TRANSACTIONAL
				+ "\",\"name\":\"Orders\",\"kind\":\"TRANSACTIONAL\",\"similarProducts\":false}"));
		Api.Response notice = assertCreated(api.post("/api/v1/notices", "{\"purpose\":\"" + MARKETING
				+ "\",\"language\":\"fr\",\"text\":\"Recevoir nos promotions par e-mail\"}"));
		Api.Response sender = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Boulangerie Dupont\",\"emailFromAddress\":\""
					+ FROM_ADDRESS + "\",\"emailFromName\":\"" + FROM_NAME + "\"}")));
		assertThat(sender.status()).as(sender.body()).isEqualTo(200);
		return new MailingTenant(issued.tenant().id(), issued.tenant().name(), api, notice.text("id"));
	}

	/** A contact with this address and no consent; answers its id. */
	String contact(String email) {
		return assertCreated(api.post("/api/v1/contacts", "{\"email\":\"" + email + "\"}")).text("id");
	}

	/** A contact with this address who granted marketing email; answers its id. */
	String consentingContact(String email) {
		String id = contact(email);
		assertCreated(api.post("/api/v1/consents", "{\"contactId\":\"" + id + "\",\"channel\":\"" + Channel.EMAIL
				+ "\",\"purpose\":\"" + MARKETING + "\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\""
				+ notice + "\",\"evidence\":" + EVIDENCE + "}"));
		return id;
	}

	/** Asks {@code POST /api/v1/messages} for an email to a contact. */
	Api.Response emailContact(String contactId, String purpose, String subject, String text, String html) {
		return api.post("/api/v1/messages", "{\"channel\":\"EMAIL\",\"contactId\":\"" + contactId + "\",\"purpose\":\""
				+ purpose + "\",\"subject\":\"" + subject + "\",\"text\":\"" + text + "\""
				+ (html == null ? "" : ",\"html\":\"" + html + "\"") + "}");
	}

	/** A message as {@code GET /api/v1/messages/{id}} shows it. */
	Api.Response message(String id) {
		return api.get("/api/v1/messages/" + id);
	}

	String stateOf(String id) {
		return message(id).text("state");
	}

	/** The email channel's entry of {@code GET /api/v1/suppressions/check}. */
	tools.jackson.databind.JsonNode emailSuppression(String email) {
		Api.Response check = api.get("/api/v1/suppressions/check?email=" + email);
		assertThat(check.status()).as(check.body()).isEqualTo(200);
		for (tools.jackson.databind.JsonNode channel : check.json().path("channels")) {
			if (channel.path("channel").asString().equals(Channel.EMAIL.name())) {
				return channel;
			}
		}
		throw new AssertionError("no EMAIL channel in " + check.body());
	}

	private static Api.Response assertCreated(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}
}
