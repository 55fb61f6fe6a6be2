package org.optinel.consent.commands;

import java.util.concurrent.Callable;

import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ProjectionRebuild;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.stereotype.Component;

/**
 * {@code rebuild-consents --tenant <id or name>}: recomputes the consent states from the ledger,
 * corrects them and lists each that differed. Exit status: 0 nothing differed, 1 some states were corrected.
 */
@Component
@Command(name = "rebuild-consents", mixinStandardHelpOptions = true,
		description = "Recompute a tenant's consent states from the ledger and report the differences.")
class RebuildConsentsCommand implements Callable<Integer> {

	@Option(names = "--tenant", required = true, description = "the tenant's id or name")
	String tenant;

	private final ConsentManagement consents;

	private final TenantManagement tenants;

	RebuildConsentsCommand(ConsentManagement consents, TenantManagement tenants) {
		this.consents = consents;
		this.tenants = tenants;
	}

	@Override
	public Integer call() {
		Tenant target = tenants.resolve(tenant);
		ProjectionRebuild rebuild = consents.rebuild(target.id());
		System.out.printf("Rebuilt the consent states of tenant '%s': %d events, %d states, %d differences%n",
				target.name(), rebuild.eventsRead(), rebuild.states(), rebuild.differences().size());
		for (ProjectionRebuild.Difference d : rebuild.differences()) {
			System.out.printf("  %s %s %s: ledger says %s (seq %s, last event %s), stored was %s (seq %s, last event %s)%n",
					d.contactId(), d.channel(), d.purpose(), d.expected(), d.expectedSeq(), d.expectedLastSeq(), d.found(),
					d.foundSeq(), d.foundLastSeq());
		}
		return rebuild.differences().isEmpty() ? 0 : 1;
	}
}
