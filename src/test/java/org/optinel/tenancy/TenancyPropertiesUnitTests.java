package org.optinel.tenancy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Tenancy settings that cannot work stop the start-up, naming the property and its variable. */
class TenancyPropertiesUnitTests {

	private static final Path KEY_FILE = Path.of("data/initial-api-key.txt");

	private static final String KEY = "a-key-of-twenty-four-chars";

	@Test
	void aBootstrapTenantNeedsItsKeyAndTheOtherWayRound() {
		assertThatIllegalStateException().isThrownBy(() -> new TenancyProperties(null, "Acme", null, KEY_FILE, 60, null, KEY_FILE))
			.withMessageContaining("optinel.tenancy.bootstrap-api-key")
			.withMessageContaining("OPTINEL_BOOTSTRAP_API_KEY");
		assertThatIllegalStateException().isThrownBy(() -> new TenancyProperties(null, " ", KEY, KEY_FILE, 60, null, KEY_FILE))
			.withMessageContaining("optinel.tenancy.bootstrap-tenant");
	}

	@Test
	void keysShorterThan24CharactersAreRefused() {
		String short23 = "k".repeat(23);

		assertThatIllegalStateException().isThrownBy(() -> new TenancyProperties(null, "Acme", short23, KEY_FILE, 60, null, KEY_FILE))
			.withMessageContaining("OPTINEL_BOOTSTRAP_API_KEY")
			.withMessageContaining("24");
		assertThatIllegalStateException().isThrownBy(() -> new TenancyProperties(short23, null, null, KEY_FILE, 60, null, KEY_FILE))
			.withMessageContaining("OPTINEL_OPERATOR_KEY")
			.withMessageContaining("24");
		assertThat(new TenancyProperties("k".repeat(24), "Acme", "k".repeat(24), KEY_FILE, 60, null, KEY_FILE).operatorKey()).hasSize(24);
	}

	@Test
	void blankSettingsAreUnset() {
		TenancyProperties properties = new TenancyProperties("  ", "", null, KEY_FILE, 60, null, KEY_FILE);

		assertThat(properties.operatorKey()).isNull();
		assertThat(properties.bootstrapTenant()).isNull();
		assertThat(properties.bootstrapApiKey()).isNull();
	}

	@Test
	void theKeysNeverShowInTheDescription() {
		TenancyProperties properties = new TenancyProperties("operator-secret-0123456789", "Acme",
				"bootstrap-secret-0123456789", KEY_FILE, 60, "master-secret-0123456789", KEY_FILE);

		assertThat(properties.toString()).doesNotContain("master-secret")
			.doesNotContain("operator-secret")
			.doesNotContain("bootstrap-secret")
			.contains("Acme");
	}
}
