package org.optinel.eligibility.persistence;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.TenantId;
import org.optinel.eligibility.SendingWindowStore;
import org.optinel.eligibility.SendingWindows;
import org.optinel.eligibility.WindowRegime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sending windows in SQL, as minutes of the local day. */
@Repository
class JdbcSendingWindows implements SendingWindowStore {

	private final JdbcClient jdbc;

	JdbcSendingWindows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<SendingWindows> find(TenantId tenant) {
		Map<WindowRegime, SendingWindows.Window> rows = new EnumMap<>(WindowRegime.class);
		jdbc.sql("SELECT regime, start_minute, end_minute FROM sending_window WHERE tenant_id = ?")
			.param(tenant.value())
			.query(rs -> {
				rows.put(WindowRegime.valueOf(rs.getString(1)),
						new SendingWindows.Window(time(rs.getInt(2)), time(rs.getInt(3))));
			});
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new SendingWindows(rows.getOrDefault(WindowRegime.FRANCE, SendingWindows.DEFAULT.france()),
				rows.getOrDefault(WindowRegime.UNITED_STATES, SendingWindows.DEFAULT.unitedStates())));
	}

	@Override
	public void save(TenantId tenant, SendingWindows windows, Instant at) {
		upsert(tenant, WindowRegime.FRANCE, windows.france(), at);
		upsert(tenant, WindowRegime.UNITED_STATES, windows.unitedStates(), at);
	}

	private void upsert(TenantId tenant, WindowRegime regime, SendingWindows.Window window, Instant at) {
		jdbc.sql("INSERT INTO sending_window (tenant_id, regime, start_minute, end_minute, updated_at) VALUES (?, ?, ?, ?, ?) "
				+ "ON CONFLICT (tenant_id, regime) DO UPDATE SET start_minute = excluded.start_minute, "
				+ "end_minute = excluded.end_minute, updated_at = excluded.updated_at")
			.params(tenant.value(), regime.name(), minutes(window.start()), minutes(window.end()), at.toEpochMilli())
			.update();
	}

	private static LocalTime time(int minutes) {
		return LocalTime.of(minutes / 60, minutes % 60);
	}

	private static int minutes(LocalTime time) {
		return time.getHour() * 60 + time.getMinute();
	}
}
