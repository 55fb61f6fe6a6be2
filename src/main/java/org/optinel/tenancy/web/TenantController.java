package org.optinel.tenancy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.tenancy.NewTenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's endpoint for creating tenants; enabled only when an operator key is configured
 * ({@link OperatorKeyInterceptor}).
 */
@RestController
@Tag(name = "Tenants", description = "Operator only: create tenants (OPTINEL_OPERATOR_KEY)")
class TenantController {

	static final String PATH = "/api/v1/tenants";

	private final TenantManagement tenants;

	TenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@PostMapping(PATH)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a tenant; its API key is returned once and never again")
	CreatedTenant create(@RequestBody NewTenant request) {
		IssuedTenant issued = tenants.create(request);
		return new CreatedTenant(issued.tenant().id().value(), issued.tenant().name(), issued.tenant().defaultRegion(),
				issued.tenant().timeZone().getId(), issued.tenant().jurisdiction().name(), issued.apiKey());
	}

	/** The new tenant; {@code apiKey} is shown here only. */
	record CreatedTenant(String id, String name, String defaultRegion, String timeZone, String jurisdiction,
			String apiKey) {
	}
}
