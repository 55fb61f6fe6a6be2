package org.optinel.messaging.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

import org.springframework.context.SmartLifecycle;

/** The dispatchers of the channels that have a provider, started with the service and stopped with it. */
public final class Dispatchers implements SmartLifecycle {

	private final Map<Channel, Dispatcher> byChannel = new EnumMap<>(Channel.class);

	private final boolean enabled;

	private volatile boolean running;

	Dispatchers(Iterable<Dispatcher> dispatchers, boolean enabled) {
		dispatchers.forEach(d -> byChannel.put(d.channel(), d));
		this.enabled = enabled;
	}

	/** The channel's dispatcher, if it has a provider. */
	public java.util.Optional<Dispatcher> of(Channel channel) {
		return java.util.Optional.ofNullable(byChannel.get(channel));
	}

	void queued(TenantId tenant, Channel channel, Instant at) {
		Dispatcher d = byChannel.get(channel);
		if (d != null && running) {
			d.queued(tenant, at);
		}
	}

	/** Waits until every dispatcher has nothing in hand (tests, benchmarks); false on timeout. */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			if (byChannel.values().stream().allMatch(Dispatcher::idle)) {
				return true;
			}
			Thread.sleep(5);
		}
		return false;
	}

	@Override
	public void start() {
		if (enabled) {
			byChannel.values().forEach(Dispatcher::start);
		}
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		byChannel.values().forEach(Dispatcher::close);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// Late: after the database and the gateways are up; stopped first.
		return Integer.MAX_VALUE - 1000;
	}
}
