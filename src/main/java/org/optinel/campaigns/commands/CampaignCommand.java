package org.optinel.campaigns.commands;

import java.util.concurrent.Callable;

import org.optinel.campaigns.Campaign;
import org.optinel.campaigns.CampaignManagement;
import org.optinel.campaigns.Preview;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code campaign --tenant <id or name> --id <campaign> <status|preview|launch|pause|resume|close>}:
 * the campaign API's actions from the command line. {@code close} is a dry run unless
 * {@code --execute} is given.
 */
@Component
@Command(name = "campaign", mixinStandardHelpOptions = true,
		description = "Show, preview, launch, pause, resume or close a re-permission campaign.")
class CampaignCommand implements Callable<Integer> {

	@Option(names = "--tenant", required = true, description = "the tenant's id or name")
	String tenant;

	@Option(names = "--id", required = true, description = "the campaign's id")
	String id;

	@Option(names = "--execute", description = "with close: do it (otherwise only report what it would do)")
	boolean execute;

	@Parameters(index = "0", description = "status, preview, launch, pause, resume or close")
	String action;

	private final CampaignManagement campaigns;

	private final TenantManagement tenants;

	CampaignCommand(CampaignManagement campaigns, TenantManagement tenants) {
		this.campaigns = campaigns;
		this.tenants = tenants;
	}

	@Override
	public Integer call() {
		Tenant target = tenants.resolve(tenant);
		switch (action) {
			case "status" -> print(campaigns.get(target.id(), id), target);
			case "preview" -> {
				Preview p = campaigns.preview(target.id(), id);
				System.out.printf("classes: %s%nwhy not: %s%nfirst channel: %s%nSMS segments: %s (%s), estimated cost: %s %s%n"
						+ "first send: %s, reminders: %s, deadline: %s%n", p.classes(), p.reasons(), p.channels(),
						p.smsSegments(), p.smsEncoding(), p.estimatedCost(), p.currency() == null ? "" : p.currency(),
						p.firstSend(), p.reminders(), p.deadline());
			}
			case "launch" -> {
				long asked = campaigns.launch(target.id(), id);
				System.out.printf("launched: %d recipients asked%n", asked);
				print(campaigns.get(target.id(), id), target);
			}
			case "pause" -> print(campaigns.pause(target.id(), id), target);
			case "resume" -> print(campaigns.resume(target.id(), id), target);
			case "close" -> System.out.println(campaigns.close(target.id(), id, "cli", !execute));
			default -> {
				System.err.println("unknown action '" + action + "': status, preview, launch, pause, resume or close");
				return 2;
			}
		}
		return 0;
	}

	private void print(Campaign c, Tenant target) {
		System.out.printf("campaign %s '%s' of %s: %s, deadline %s%nrecipients: %s%nmessages: %s%n", c.id(),
				c.definition().name(), target.name(), c.state(), c.definition().deadline(),
				campaigns.recipients(target.id(), c.id()), campaigns.messages(target.id(), c.id()));
	}
}
