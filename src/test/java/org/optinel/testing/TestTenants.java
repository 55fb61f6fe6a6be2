package org.optinel.testing;

import org.optinel.tenancy.IssuedTenant;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.boot.test.context.TestComponent;

/** Makes a fresh tenant for each test, so tests sharing a database never see each other's data. */
@TestComponent
public class TestTenants {

	private final TenantManagement tenants;

	TestTenants(TenantManagement tenants) {
		this.tenants = tenants;
	}

	/** A new French tenant (region FR, Europe/Paris) and its API key. */
	public IssuedTenant create() {
		return create("FR");
	}

	public IssuedTenant create(String region) {
		return tenants.create(new NewTenant("Test " + System.nanoTime(), region, null, null)); // clock-ok: a unique name
	}
}
