package org.optinel.pages;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;

/** One version of a tenant's hosted form. Versions start at 1 and are never changed once stored. */
public record HostedForm(TenantId tenant, String id, int version, FormDefinition definition, Instant createdAt) {

	public HostedForm {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(definition, "definition");
		if (version < 1) {
			throw new IllegalArgumentException("versions start at 1");
		}
	}

	/**
	 * The form's key in its public address {@code /f/{key}}: tenant and form id, so that the page
	 * finds its form by the tenant-led primary key.
	 */
	public String publicKey() {
		return tenant.value() + "." + id;
	}

	/** What a consent's evidence names as the form: its id and the version that was shown. */
	public String evidenceId() {
		return id + "@v" + version;
	}
}
