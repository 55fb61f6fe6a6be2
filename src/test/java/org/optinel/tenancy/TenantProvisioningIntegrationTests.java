package org.optinel.tenancy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Tenants come into being in three ways only: a {@code Default} tenant on the first start, the
 * scripted tenant of the bootstrap settings, or the operator API when an operator key is set.
 * Each nested class starts the application on a fresh SQLite database with its own settings.
 */
class TenantProvisioningIntegrationTests {

	static final String TENANTS = "/api/v1/tenants";

	static final String OPERATOR_KEY = "operator-key-for-the-tests-0123456789";

	static final String BOOTSTRAP_TENANT = "Boulangerie Martin";

	static final String BOOTSTRAP_KEY = "bootstrap-key-for-the-tests-0123456789";

	@Nested
	@OnSqlite
	@TestPropertySource(properties = "optinel.tenancy.operator-key=" + OPERATOR_KEY)
	class WithAnOperatorKey {

		@LocalServerPort
		int port;

		@Autowired
		JdbcClient jdbc;

		@Autowired
		TestTenants tenants;

		Api operator;

		@BeforeEach
		void operator() {
			operator = new Api(port, OPERATOR_KEY);
		}

		@Test
		void createsATenantAndShowsItsWorkingKey() {
			Api.Response created = operator.post(TENANTS,
					"{\"name\":\"Garage Dupont\",\"defaultRegion\":\"BE\",\"timeZone\":\"Europe/Brussels\",\"jurisdiction\":\"EU\"}");

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.text("id");
			assertThat(UUID.fromString(id).version()).isEqualTo(7);
			assertThat(created.text("name")).isEqualTo("Garage Dupont");
			assertThat(created.text("defaultRegion")).isEqualTo("BE");
			assertThat(created.text("timeZone")).isEqualTo("Europe/Brussels");
			assertThat(created.text("jurisdiction")).isEqualTo("EU");
			String apiKey = created.text("apiKey");
			assertThat(apiKey).startsWith("opt_").hasSizeGreaterThanOrEqualTo(40);

			Api tenant = new Api(port, apiKey);
			Api.Response list = tenant.get("/api/v1/contacts");
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.json().path("items")).isEmpty();
			Api.Response contact = tenant.post("/api/v1/contacts", "{\"phone\":\"0470 12 34 56\"}");
			assertThat(contact.status()).as(contact.body()).isEqualTo(201);
			assertThat(contact.text("phone")).as("read in the tenant's region, BE").isEqualTo("+32470123456");
		}

		/** The key is shown once: only its hash is kept, so no one can read it back. */
		@Test
		void keepsOnlyAHashOfTheKey() {
			Api.Response created = operator.post(TENANTS, "{\"name\":\"Fleuriste Leroy\"}");
			String id = created.text("id");
			String apiKey = created.text("apiKey");

			List<Map<String, Object>> keys = jdbc.sql("SELECT * FROM api_key WHERE tenant_id = ?").param(id).query().listOfRows();

			assertThat(keys).singleElement().satisfies(row -> {
				assertThat(row.values()).doesNotContain(apiKey);
				assertThat(row).containsEntry("key_hash", sha256(apiKey));
			});
		}

		@Test
		void eachTenantGetsItsOwnIdAndKey() {
			Api.Response first = operator.post(TENANTS, "{\"name\":\"Pharmacie A\"}");
			Api.Response second = operator.post(TENANTS, "{\"name\":\"Pharmacie B\"}");

			assertThat(first.text("id")).isNotEqualTo(second.text("id"));
			assertThat(first.text("apiKey")).isNotEqualTo(second.text("apiKey"));
			Api.Response ownContact = new Api(port, first.text("apiKey")).post("/api/v1/contacts", "{\"phone\":\"0612345678\"}");
			assertThat(new Api(port, second.text("apiKey")).get("/api/v1/contacts/" + ownContact.text("id")).status())
				.isEqualTo(404);
		}

		@Test
		void blankSettingsTakeTheFrenchDefaults() {
			Api.Response created = operator.post(TENANTS,
					"{\"name\":\"  Café du Port  \",\"defaultRegion\":\"\",\"timeZone\":null}");

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.text("name")).isEqualTo("Café du Port");
			assertThat(created.text("defaultRegion")).isEqualTo("FR");
			assertThat(created.text("timeZone")).isEqualTo("Europe/Paris");
			assertThat(created.text("jurisdiction")).isEqualTo("FR");
		}

		@Test
		void regionAndJurisdictionAreReadInAnyCase() {
			Api.Response created = operator.post(TENANTS,
					"{\"name\":\"Tea Room\",\"defaultRegion\":\"gb\",\"timeZone\":\"Europe/London\",\"jurisdiction\":\"uk\"}");

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.text("defaultRegion")).isEqualTo("GB");
			assertThat(created.text("jurisdiction")).isEqualTo("UK");
		}

		@Test
		void refusesAWrongOrMissingOperatorKey() throws Exception {
			for (String key : new String[] { null, "wrong-operator-key-0123456789abcdef", OPERATOR_KEY + "x",
					OPERATOR_KEY.substring(1) }) {
				HttpResponse<String> refused = send(new Api(port, key), "{\"name\":\"Intrus\"}");

				assertProblem(response(refused), 401, "unauthorized");
				assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
						value -> assertThat(value).startsWith("Bearer"));
			}
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		@Test
		void aTenantKeyCannotCreateTenants() {
			Api tenant = new Api(port, tenants.create().apiKey());

			assertProblem(tenant.post(TENANTS, "{\"name\":\"Intrus\"}"), 401, "unauthorized");
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		@Test
		void theOperatorKeyIsNoTenantKey() {
			assertProblem(operator.get("/api/v1/contacts"), 401, "unauthorized");
			assertProblem(operator.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}"), 401, "unauthorized");
		}

		@Test
		void refusesAnInvalidRegionNamingTheField() {
			for (String region : new String[] { "ZZ", "FRA", "France", "1" }) {
				Api.Response refused = operator.post(TENANTS, "{\"name\":\"Intrus\",\"defaultRegion\":\"" + region + "\"}");

				assertFieldProblem(refused, 422, "invalid-input", "defaultRegion");
				assertThat(refused.body()).contains(region);
			}
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		@Test
		void refusesAnInvalidTimeZoneNamingTheField() {
			for (String zone : new String[] { "Mars/Olympus", "Paris", "CEST", "+25:00" }) {
				Api.Response refused = operator.post(TENANTS, "{\"name\":\"Intrus\",\"timeZone\":\"" + zone + "\"}");

				assertFieldProblem(refused, 422, "invalid-input", "timeZone");
				assertThat(refused.body()).contains(zone);
			}
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		@Test
		void refusesAnUnknownJurisdictionListingTheKnownOnes() {
			Api.Response refused = operator.post(TENANTS, "{\"name\":\"Intrus\",\"jurisdiction\":\"MARS\"}");

			assertFieldProblem(refused, 422, "invalid-input", "jurisdiction");
			assertThat(refused.body()).contains("MARS").contains("FR").contains("UK").contains("US");
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		@Test
		void refusesAMissingOrOverlongName() {
			assertFieldProblem(operator.post(TENANTS, "{}"), 422, "invalid-input", "name");
			assertFieldProblem(operator.post(TENANTS, "{\"name\":\"   \"}"), 422, "invalid-input", "name");
			assertFieldProblem(operator.post(TENANTS, "{\"name\":\"" + "N".repeat(201) + "\"}"), 422, "invalid-input", "name");
		}

		@Test
		void namesEveryInvalidFieldAtOnce() {
			Api.Response refused = operator.post(TENANTS,
					"{\"name\":\"\",\"defaultRegion\":\"ZZ\",\"timeZone\":\"Nowhere/Land\",\"jurisdiction\":\"XX\"}");

			assertFieldProblem(refused, 422, "invalid-input", "name", "defaultRegion", "timeZone", "jurisdiction");
		}

		@Test
		void refusesUnknownFieldsAndWrongTypes() {
			assertFieldProblem(operator.post(TENANTS, "{\"name\":\"Intrus\",\"plan\":\"gold\"}"), 400, "unknown-field", "plan");
			assertFieldProblem(operator.post(TENANTS, "{\"name\":\"Intrus\",\"apiKey\":\"opt_chosen_by_caller_0123456789\"}"),
					400, "unknown-field", "apiKey");
			assertFieldProblem(operator.post(TENANTS, "{\"name\":42}"), 400, "invalid-field-type", "name");
			assertProblem(operator.post(TENANTS, "{\"name\":"), 400, "malformed-body");
			assertThat(tenantsNamed("Intrus")).isZero();
		}

		private int tenantsNamed(String name) {
			return jdbc.sql("SELECT count(*) FROM tenant WHERE name = ?").param(name).query(Integer.class).single();
		}
	}

	@Nested
	@OnSqlite
	class WithoutAnOperatorKey {

		@LocalServerPort
		int port;

		@Autowired
		TestTenants tenants;

		@Autowired
		JdbcClient jdbc;

		@Test
		void theOperatorApiIsDisabledWhateverTheKey() {
			for (String key : new String[] { null, OPERATOR_KEY, tenants.create().apiKey() }) {
				Api.Response refused = new Api(port, key).post(TENANTS, "{\"name\":\"Intrus\"}");

				assertProblem(refused, 403, "operator-api-disabled");
				assertThat(refused.text("detail")).contains("OPTINEL_OPERATOR_KEY");
			}
			assertThat(jdbc.sql("SELECT count(*) FROM tenant WHERE name = 'Intrus'").query(Integer.class).single()).isZero();
		}
	}

	@Nested
	@OnSqlite
	class OnFirstStart {

		@LocalServerPort
		int port;

		@Value("${optinel.data-dir}")
		Path dataDir;

		@Autowired
		TenancyProperties properties;

		@Autowired
		TenantManagement management;

		@Autowired
		TenantBootstrap bootstrap;

		@Autowired
		JdbcClient jdbc;

		@Test
		void createsTheDefaultTenantAndWritesItsKeyForTheOwnerOnly() throws IOException {
			Path file = dataDir.resolve("initial-api-key.txt");
			assertThat(properties.initialKeyFile()).isEqualTo(file);
			assertThat(file).isRegularFile();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

			Map<String, String> written = keyFile(file);
			assertThat(written).containsOnlyKeys("tenant", "apiKey");
			String firstTenant = jdbc.sql("SELECT tenant_id FROM tenant ORDER BY created_at, tenant_id LIMIT 1")
				.query(String.class)
				.single();
			assertThat(written.get("tenant")).isEqualTo(firstTenant);
			assertThat(management.require(TenantId.of(firstTenant)).name()).isEqualTo("Default");
			assertThat(management.authenticate(written.get("apiKey"))).contains(TenantId.of(firstTenant));

			Api.Response list = new Api(port, written.get("apiKey")).get("/api/v1/contacts");
			assertThat(list.status()).as(list.body()).isEqualTo(200);
		}

		/** Only the first start creates a tenant: later starts leave the tenants and the key file alone. */
		@Test
		void aLaterStartCreatesNothing() throws Exception {
			Path file = properties.initialKeyFile();
			String before = Files.readString(file);
			int tenantsBefore = jdbc.sql("SELECT count(*) FROM tenant").query(Integer.class).single();

			bootstrap.run(null);

			assertThat(Files.readString(file)).isEqualTo(before);
			assertThat(jdbc.sql("SELECT count(*) FROM tenant").query(Integer.class).single()).isEqualTo(tenantsBefore);
			assertThat(management.resolve("Default").id().value()).isEqualTo(keyFile(file).get("tenant"));
		}
	}

	@Nested
	@OnSqlite
	@TestPropertySource(properties = { "optinel.tenancy.bootstrap-tenant=" + BOOTSTRAP_TENANT,
			"optinel.tenancy.bootstrap-api-key=" + BOOTSTRAP_KEY })
	class WithABootstrapTenant {

		@LocalServerPort
		int port;

		@Autowired
		TenancyProperties properties;

		@Autowired
		TenantManagement management;

		@Test
		void createsThatTenantWithThatExactKey() {
			Tenant tenant = management.resolve(BOOTSTRAP_TENANT);

			assertThat(management.authenticate(BOOTSTRAP_KEY)).contains(tenant.id());
			assertThat(tenant.defaultRegion()).isEqualTo("FR");
			assertThat(tenant.jurisdiction()).isEqualTo(Jurisdiction.FR);
			Api api = new Api(port, BOOTSTRAP_KEY);
			Api.Response created = api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 78\"}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(api.get("/api/v1/contacts").json().path("items")).hasSize(1);
		}

		@Test
		void createsNoDefaultTenantAndWritesNoKeyFile() {
			assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> management.resolve("Default"));
			assertThat(properties.initialKeyFile()).doesNotExist();
		}

		@Test
		void anyOtherKeyIsRefused() {
			assertProblem(new Api(port, BOOTSTRAP_KEY + "x").get("/api/v1/contacts"), 401, "unauthorized");
			assertProblem(new Api(port, BOOTSTRAP_KEY.toUpperCase()).get("/api/v1/contacts"), 401, "unauthorized");
		}
	}

	static Map<String, String> keyFile(Path file) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			int equals = line.indexOf('=');
			assertThat(equals).as("line '%s' of %s", line, file).isPositive();
			entries.put(line.substring(0, equals), line.substring(equals + 1));
		}
		return entries;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static HttpResponse<String> send(Api caller, String json) throws IOException, InterruptedException {
		HttpRequest request = caller.builder(TENANTS)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	static Api.Response response(HttpResponse<String> response) {
		return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}
}
