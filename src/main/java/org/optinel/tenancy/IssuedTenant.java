package org.optinel.tenancy;

/** A tenant just created, with its API key in clear: the only time the key is ever shown. */
public record IssuedTenant(Tenant tenant, String apiKey) {

	@Override
	public String toString() {
		return "IssuedTenant[tenant=" + tenant.id() + ", apiKey=<hidden>]";
	}
}
