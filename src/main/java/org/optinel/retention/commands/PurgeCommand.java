package org.optinel.retention.commands;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.optinel.contacts.ErasureProgress;
import org.optinel.retention.PurgeReport;
import org.optinel.retention.RetentionManagement;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.stereotype.Component;

/**
 * {@code purge --tenant <id or name> [--execute]}: the retention purge (FR-09, GDPR-12), a dry run
 * unless {@code --execute} is given; prints what it found and, when it erases, its progress.
 * Exit status: 0.
 */
@Component
@Command(name = "purge", mixinStandardHelpOptions = true,
		description = "Erase the contacts kept past their retention period (a dry run unless --execute is given).")
class PurgeCommand implements Callable<Integer> {

	@Option(names = "--tenant", required = true, description = "the tenant's id or name")
	String tenant;

	@Option(names = "--execute", description = "erase the contacts; without it nothing is changed")
	boolean execute;

	@Option(names = "--dry-run", description = "count only (the default); refused together with --execute")
	boolean dryRun;

	private final RetentionManagement retention;

	private final TenantManagement tenants;

	PurgeCommand(RetentionManagement retention, TenantManagement tenants) {
		this.retention = retention;
		this.tenants = tenants;
	}

	@Override
	public Integer call() {
		if (execute && dryRun) {
			System.err.println("error: --dry-run and --execute exclude each other");
			return 2;
		}
		Tenant target = tenants.resolve(tenant);
		ErasureProgress progress = execute ? (done, total) -> {
			System.err.printf(Locale.ROOT, "\rerased %,d of %,d contacts", done, total);
			System.err.flush();
		} : ErasureProgress.NONE;
		PurgeReport report = retention.purge(target.id(), !execute, "cli", progress);
		if (execute && report.prospects() + report.exClients() > 0) {
			System.err.println();
		}
		PrintStream out = System.out;
		out.printf(Locale.ROOT, "%s of tenant '%s' at %s%n", report.dryRun() ? "Retention purge DRY RUN" : "Retention purge",
				target.name(), report.at());
		out.printf(Locale.ROOT, "  prospects kept %d months (collected and last active before %s)%n",
				report.prospectMonths(), report.prospectCutoff());
		out.printf(Locale.ROOT, "  ex-clients kept %d months after the client window (last client activity before %s)%n",
				report.clientMonths(), report.clientCutoff());
		out.printf(Locale.ROOT, "  due: %,d prospects, %,d ex-clients; %,d kept by a granted consent%n",
				report.prospects(), report.exClients(), report.keptByConsent());
		out.printf(Locale.ROOT, "  contacts %s %,d%n", report.dryRun() ? "that would be erased" : "erased",
				report.contacts());
		report.records().forEach((kind, n) -> out.printf(Locale.ROOT, "    %-22s %,d%n", kind, n));
		if (report.dryRun()) {
			if (!report.sample().isEmpty()) {
				out.println("  for example " + String.join(", ", report.sample()));
			}
			out.println("  nothing was changed; run again with --execute to erase");
		}
		else {
			out.println("  audit entry RETENTION_PURGE " + report.purgeId());
		}
		return 0;
	}
}
