package org.optinel.consent.commands;

import java.util.concurrent.Callable;

import org.optinel.consent.ConsentManagement;
import org.optinel.consent.LedgerVerification;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.stereotype.Component;

/**
 * {@code verify-ledger --tenant <id or name>}: recomputes the tenant's consent hash chain.
 * Exit status: 0 intact, 1 broken (the first broken sequence number is printed).
 */
@Component
@Command(name = "verify-ledger", mixinStandardHelpOptions = true,
		description = "Recompute a tenant's consent hash chain and report the first broken sequence number.")
class VerifyLedgerCommand implements Callable<Integer> {

	@Option(names = "--tenant", required = true, description = "the tenant's id or name")
	String tenant;

	private final ConsentManagement consents;

	private final TenantManagement tenants;

	VerifyLedgerCommand(ConsentManagement consents, TenantManagement tenants) {
		this.consents = consents;
		this.tenants = tenants;
	}

	@Override
	public Integer call() {
		Tenant target = tenants.resolve(tenant);
		LedgerVerification result = consents.verify(target.id());
		if (result.ok()) {
			System.out.printf("OK: the consent ledger of tenant '%s' holds (%d events)%n", target.name(),
					result.eventsChecked());
			return 0;
		}
		System.out.printf("BROKEN at seq %d: %s (%d events before it hold)%n", result.brokenSeq(), result.reason(),
				result.eventsChecked());
		return 1;
	}
}
