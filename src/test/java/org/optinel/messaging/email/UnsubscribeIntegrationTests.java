package org.optinel.messaging.email;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.TenantId;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-click unsubscribe of RFC 8058 over real HTTP (EM-02, EM-03): a GET shows a button and
 * changes nothing; a POST with {@code List-Unsubscribe=One-Click} suppresses the address for email
 * at once, with no login, cookie or redirect; forged and foreign tokens change nothing. Runs on
 * SQLite and PostgreSQL through its subclasses.
 */
abstract class UnsubscribeIntegrationTests {

	static final EmailAddress EMAIL = EmailAddress.parse("Jeanne.Martin@Example.fr", "email");

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	UnsubscribeLinks links;

	@Autowired
	SuppressionList suppressions;

	@Autowired
	IdentifierHashing hashing;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	TenantId tenant;

	String tenantName;

	@BeforeEach
	void aTenant() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		tenantName = issued.tenant().name();
	}

	@Test
	void aGetShowsOneButtonAndNeverUnsubscribes_EM_02() throws Exception {
		HttpResponse<String> page = get(links.path(tenant, EMAIL, "newsletter"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\" action=\"" + links.path(tenant, EMAIL, "newsletter") + "\">",
				"name=\"List-Unsubscribe\" value=\"One-Click\"", tenantName);
		assertThat(page.body()).containsOnlyOnce("<button");
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("default-src 'none'"));
		assertThat(suppressed()).isFalse();
		assertThat(entries()).isZero();
	}

	@Test
	void aOneClickPostSuppressesTheAddressForEmailAtOnceWithoutLoginCookieOrRedirect_EM_02_EM_03() throws Exception {
		HttpResponse<String> done = oneClick(links.path(tenant, EMAIL, "newsletter"));

		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.headers().firstValue("Location")).isEmpty();
		assertThat(done.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(done.body()).contains(tenantName);
		assertThat(suppressed()).isTrue();
		assertThat(suppressions.isSuppressed(tenant, Channel.SMS, hashing.email(tenant, EMAIL))).isFalse();
		String evidence = jdbc.sql("SELECT evidence FROM suppression WHERE tenant_id = ? AND reason = 'EMAIL_UNSUBSCRIBE'")
			.param(tenant.value())
			.query(String.class)
			.single();
		assertThat(evidence).contains("EMAIL_ONE_CLICK", "newsletter", "127.0.0.1");
	}

	@Test
	void unsubscribingTwiceChangesNothingMore() throws Exception {
		String path = links.path(tenant, EMAIL, "newsletter");

		assertThat(oneClick(path).statusCode()).isEqualTo(200);
		assertThat(oneClick(path).statusCode()).isEqualTo(200);

		assertThat(entries()).isEqualTo(1);
	}

	@Test
	void aPostWithoutTheOneClickFieldChangesNothing() throws Exception {
		HttpResponse<String> refused = post(links.path(tenant, EMAIL, "newsletter"), "something=else");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(entries()).isZero();
	}

	@Test
	void aForgedOrAlteredTokenGetsAPlainPageAndChangesNothing() throws Exception {
		String path = links.path(tenant, EMAIL, "newsletter");
		String otherList = path.replace(".newsletter.", ".promotions.");
		int i = path.length() - 5;
		String otherTag = path.substring(0, i) + (path.charAt(i) == 'x' ? 'y' : 'x') + path.substring(i + 1);
		// the last character's low bits carry no data: another spelling of the same tag is refused too
		String respelled = path.substring(0, path.length() - 1) + respell(path.charAt(path.length() - 1));
		String unknownTenant = path.replace(tenant.value(), "01234567-89ab-7def-8123-456789abcdef");

		for (String forged : new String[] { otherList, otherTag, respelled, unknownTenant, "/unsubscribe/nonsense" }) {
			assertThat(oneClick(forged).statusCode()).as(forged).isEqualTo(404);
			assertThat(get(forged).statusCode()).as(forged).isEqualTo(404);
		}
		assertThat(entries()).isZero();
	}

	@Test
	void anotherTenantsTokenCannotTouchThisTenantsList() throws Exception {
		TenantId other = tenants.create().tenant().id();
		String theirs = links.path(other, EMAIL, "newsletter");
		String moved = theirs.replace(other.value(), tenant.value());

		assertThat(oneClick(moved).statusCode()).isEqualTo(404);
		assertThat(oneClick(theirs).statusCode()).isEqualTo(200);

		assertThat(suppressed()).isFalse();
		assertThat(suppressions.isSuppressed(other, Channel.EMAIL, hashing.email(other, EMAIL))).isTrue();
	}

	@Test
	void theLinkCarriesNoEmailAddress() {
		String path = links.path(tenant, EMAIL, "newsletter");

		assertThat(path.toLowerCase()).doesNotContain("jeanne", "example", "%40", "@");
	}

	/** A base64url character with the same top two bits (the data of a 16-byte tag's last character). */
	static char respell(char c) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int v = alphabet.indexOf(c);
		return alphabet.charAt((v & 0b110000) | ((v + 1) & 0b001111));
	}

	boolean suppressed() {
		return suppressions.isSuppressed(tenant, Channel.EMAIL, hashing.email(tenant, EMAIL));
	}

	long entries() {
		return jdbc.sql("SELECT count(*) FROM suppression WHERE tenant_id = ?").param(tenant.value()).query(Long.class).single();
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> oneClick(String path) throws IOException, InterruptedException {
		return post(path, "List-Unsubscribe=One-Click");
	}

	HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}
}
