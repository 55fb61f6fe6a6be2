package org.optinel.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenants sign with Ed25519 keys whose public halves anyone can fetch; runs on SQLite and PostgreSQL. */
abstract class ReceiptKeysIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	SignatureManagement signatures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSignatureChecksOutWithThePublishedPublicKeyAlone() {
		IssuedTenant tenant = tenants.create();
		byte[] receipt = "{\"consent\":\"granted\"}".getBytes(StandardCharsets.UTF_8);

		Signature signature = signatures.sign(tenant.tenant().id(), receipt);
		JsonNode key = new Api(port, tenant.apiKey()).get("/api/v1/receipts/keys").json().get("keys").get(0);

		assertThat(key.get("kid").asString()).isEqualTo(signature.keyId());
		assertThat(key.get("kty").asString()).isEqualTo("OKP");
		assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
		byte[] raw = Base64.getUrlDecoder().decode(key.get("x").asString());
		assertThat(SignatureManagement.verify(raw, receipt, signature.value())).isTrue();
		byte[] altered = "{\"consent\":\"refused\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(SignatureManagement.verify(raw, altered, signature.value())).isFalse();
	}

	@Test
	void eachTenantSignsWithItsOwnKey() {
		IssuedTenant first = tenants.create();
		IssuedTenant second = tenants.create();
		byte[] payload = "same".getBytes(StandardCharsets.UTF_8);

		Signature signature = signatures.sign(first.tenant().id(), payload);
		String otherKey = new Api(port, second.apiKey()).get("/api/v1/receipts/keys").json().get("keys").get(0)
			.get("x").asString();

		assertThat(SignatureManagement.verify(Base64.getUrlDecoder().decode(otherKey), payload, signature.value()))
			.isFalse();
	}

	@Test
	void thePrivateKeyIsStoredSealedNeverInClear() {
		IssuedTenant tenant = tenants.create();
		signatures.sign(tenant.tenant().id(), new byte[] { 1 });

		String sealed = jdbc.sql("SELECT sealed_private_key FROM signing_key WHERE tenant_id = ?")
			.param(tenant.tenant().id().value())
			.query(String.class)
			.single();

		// A PKCS#8 Ed25519 key starts with these bytes (base64 "MC4CAQAwBQYDK2Vw"); a sealed one does not.
		assertThat(sealed).doesNotStartWith("MC4CAQAwBQYDK2Vw");
		assertThat(Base64.getDecoder().decode(sealed)).hasSize(12 + 48 + 16);
	}
}
