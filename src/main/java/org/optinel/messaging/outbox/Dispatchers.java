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

	private final Map<Channel, java.util.function.Supplier<Dispatcher>> factories = new EnumMap<>(Channel.class);

	/** The running dispatchers; made anew at each start (a stopped context may be started again). */
	private final Map<Channel, Dispatcher> byChannel = new java.util.concurrent.ConcurrentHashMap<>();

	private final boolean enabled;

	private volatile boolean running;

	Dispatchers(Map<Channel, java.util.function.Supplier<Dispatcher>> factories, boolean enabled) {
		this.factories.putAll(factories);
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
	public synchronized void start() {
		if (running || !enabled) {
			return;
		}
		if (enabled) {
			factories.forEach((channel, factory) -> {
				Dispatcher d = factory.get();
				byChannel.put(channel, d);
				d.start();
			});
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		running = false;
		byChannel.values().forEach(Dispatcher::close);
		byChannel.clear();
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
