package org.optinel.tenancy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tenancy module ({@code optinel.tenancy.*}).
 *
 * @param operatorKey when set, authorises {@code POST /api/v1/tenants} (env {@code OPTINEL_OPERATOR_KEY})
 * @param bootstrapTenant name of the tenant created on first start (env {@code OPTINEL_BOOTSTRAP_TENANT})
 * @param bootstrapApiKey its API key, at least 24 characters (env {@code OPTINEL_BOOTSTRAP_API_KEY})
 * @param initialKeyFile where the generated key of the default tenant is written, owner-readable only
 * @param keyCacheSeconds how long a verified API key is trusted without asking the database again
 * @param masterKey base64 of 32 bytes sealing the secrets kept in the database (env {@code OPTINEL_MASTER_KEY})
 * @param masterKeyFile where the master key is kept when {@code masterKey} is unset; created on first use
 */
@ConfigurationProperties("optinel.tenancy")
public record TenancyProperties(String operatorKey, String bootstrapTenant, String bootstrapApiKey,
		@DefaultValue("data/initial-api-key.txt") Path initialKeyFile, @DefaultValue("60") int keyCacheSeconds,
		String masterKey, @DefaultValue("data/master.key") Path masterKeyFile) {

	static final int MIN_KEY_LENGTH = 24;

	public TenancyProperties {
		operatorKey = blankToNull(operatorKey);
		bootstrapTenant = blankToNull(bootstrapTenant);
		bootstrapApiKey = blankToNull(bootstrapApiKey);
		masterKey = blankToNull(masterKey);
		if ((bootstrapTenant == null) != (bootstrapApiKey == null)) {
			throw new IllegalStateException("optinel.tenancy.bootstrap-tenant and optinel.tenancy.bootstrap-api-key "
					+ "(OPTINEL_BOOTSTRAP_TENANT, OPTINEL_BOOTSTRAP_API_KEY) must be set together");
		}
		if (bootstrapApiKey != null && bootstrapApiKey.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException("optinel.tenancy.bootstrap-api-key (OPTINEL_BOOTSTRAP_API_KEY) must be at least "
					+ MIN_KEY_LENGTH + " characters long");
		}
		if (operatorKey != null && operatorKey.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException("optinel.tenancy.operator-key (OPTINEL_OPERATOR_KEY) must be at least "
					+ MIN_KEY_LENGTH + " characters long");
		}
		if (keyCacheSeconds < 0) {
			throw new IllegalStateException("optinel.tenancy.key-cache-seconds must not be negative");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	@Override
	public String toString() {
		return "TenancyProperties[operatorKey=" + (operatorKey == null ? "unset" : "<set>") + ", bootstrapTenant="
				+ bootstrapTenant + ", bootstrapApiKey=" + (bootstrapApiKey == null ? "unset" : "<set>") + ", masterKey="
				+ (masterKey == null ? "file " + masterKeyFile : "<set>") + "]";
	}
}
