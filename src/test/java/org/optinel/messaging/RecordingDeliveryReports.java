package org.optinel.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.optinel.core.TenantId;

/** Keeps every delivery report it is given, for tests to read back. */
public final class RecordingDeliveryReports implements DeliveryReports {

	private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

	@Override
	public void record(TenantId tenant, DeliveryReport report) {
		recorded.add(new Recorded(tenant, report));
	}

	/** The reports recorded for this tenant, oldest first. */
	public List<DeliveryReport> of(TenantId tenant) {
		return recorded.stream().filter(r -> tenant.equals(r.tenant())).map(Recorded::report).toList();
	}

	/** One report and the tenant it was recorded for. */
	public record Recorded(TenantId tenant, DeliveryReport report) {
	}
}
