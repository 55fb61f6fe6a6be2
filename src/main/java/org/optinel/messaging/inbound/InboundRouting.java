package org.optinel.messaging.inbound;

import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.messaging.SmsProperties;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Component;

/**
 * Which tenant a message sent over a shared connection (an SMPP bind) belongs to, from the number it
 * was sent to: the tenant that declared that number, else the configured default tenant, else the
 * only tenant when there is one.
 */
@Component
public class InboundRouting {

	private final TenantManagement tenants;

	private final SmsProperties properties;

	InboundRouting(TenantManagement tenants, SmsProperties properties) {
		this.tenants = tenants;
		this.properties = properties;
	}

	/** The tenant that receives messages sent to {@code to}; empty when none can be told. */
	public Optional<TenantId> tenantFor(String to) {
		String fallback = properties.smpp().defaultTenant();
		if (fallback != null && !fallback.isBlank()) {
			return Optional.of(TenantId.of(fallback.strip()));
		}
		List<TenantId> all = tenants.allIds();
		return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
	}
}
