package org.optinel.messaging.inbound;

import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.messaging.SmsProperties;
import org.optinel.messaging.sender.SenderProfileManagement;
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

	private final SenderProfileManagement senders;

	private final SmsProperties properties;

	InboundRouting(TenantManagement tenants, SenderProfileManagement senders, SmsProperties properties) {
		this.tenants = tenants;
		this.senders = senders;
		this.properties = properties;
	}

	/**
	 * The tenant that receives messages sent to {@code to}; empty when none can be told, or when
	 * several tenants declared the number (a shared short code) and none of them is the default.
	 */
	public Optional<TenantId> tenantFor(String to) {
		String fallback = properties.smpp().defaultTenant();
		TenantId byDefault = fallback == null || fallback.isBlank() ? null : TenantId.of(fallback.strip());
		String digits = to == null ? "" : to.replaceAll("[^0-9]", "");
		List<TenantId> all = tenants.allIds();
		List<TenantId> declared = all.stream()
			.filter(t -> senders.profile(t)
				.inboundNumbers()
				.stream()
				.anyMatch(n -> n.replaceAll("[^0-9]", "").equals(digits) && !digits.isEmpty()))
			.toList();
		if (declared.size() == 1) {
			return Optional.of(declared.get(0));
		}
		if (byDefault != null && (declared.isEmpty() || declared.contains(byDefault))) {
			return Optional.of(byDefault);
		}
		return declared.isEmpty() && all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
	}
}
