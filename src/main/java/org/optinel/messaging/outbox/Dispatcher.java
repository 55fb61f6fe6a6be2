package org.optinel.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.messaging.SubmitOutcome;
import org.optinel.messaging.outbox.OutboxStore.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one channel's outbox: claims due messages, takes the eligibility decision again right
 * before each leaves, hands it to the provider and records what became of it.
 * <p>
 * Three kinds of threads. The <em>claimer</em> marks due messages SUBMITTING in small batches, tenant
 * after tenant, while fewer than {@code inFlight} are out. <em>Workers</em> ({@code concurrency}
 * of them) each take one message: rate limits, then the {@link RecipientGuard} locks, the decision,
 * the submission and the provider's answer, then the locks are released. The <em>recorder</em>
 * writes the outcomes in batches, one transaction for many messages.
 * <p>
 * Guarantees. A message is submitted at most once: it is SUBMITTING from its claim until its
 * outcome is recorded, and a SUBMITTING message found at start-up (a crash came between the two)
 * becomes UNCERTAIN and is never sent again; only an outcome that says the provider took nothing
 * ({@link SubmitOutcome.Retry}) puts it back in the queue. No message leaves after a suppression or
 * a withdrawal that concerns it has committed (see {@link RecipientGuard}).
 */
public final class Dispatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	static final int CLAIM_BATCH = 64;

	static final int RECORD_BATCH = 512;

	/** Hands a message to the provider. Never completes exceptionally for a provider's failure. */
	public interface Transport {

		/** The provider's name, recorded with each message (smpp, twilio, http, smtp, file). */
		String provider();

		CompletableFuture<SubmitOutcome> send(OutboxMessage message);
	}

	/** What the decision right before sending says of a message. */
	public record Verdict(boolean go, Instant notBefore, String reason) {

		public static final Verdict GO = new Verdict(true, null, null);

		/** Never: the message is BLOCKED with this reason. */
		public static Verdict block(String reason) {
			return new Verdict(false, null, reason);
		}

		/** Not before {@code notBefore}: the message waits in the queue. */
		public static Verdict defer(Instant notBefore, String reason) {
			return new Verdict(false, notBefore, reason);
		}
	}

	/** Takes the eligibility decision for a message at an instant. */
	public interface Decider {

		/**
		 * The ids of the claimed messages whose address is on the suppression list, read in the claim's
		 * transaction: one query for a whole batch instead of one per message.
		 */
		Set<String> suppressed(List<OutboxMessage> claimed);

		/** Before the locks are taken: must not open a transaction (it runs on many threads at once). */
		Verdict screen(OutboxMessage message, Instant at);

		/**
		 * Holding the recipient's locks, right before the message leaves: must not open a transaction
		 * (a committing suppression may be waiting for these locks while it holds the database).
		 */
		Verdict decide(OutboxMessage message, Instant at);
	}

	/** Runs work in a transaction and answers its result. */
	public interface Transactions {

		<T> T inTransaction(Supplier<T> work);
	}

	/** Work done in the transaction that records outcomes (hard-bounce suppressions). */
	public interface Aftermath {

		void recorded(List<Settled> settled);
	}

	/** A message and the outcome just recorded for it. */
	public record Settled(OutboxMessage message, Settlement settlement, SubmitOutcome outcome) {
	}

	private final Channel channel;

	private final Transport transport;

	private final DispatchSettings settings;

	private final OutboxStore store;

	private final Transactions transactions;

	private final Decider decider;

	private final RecipientGuard guard;

	private final Aftermath aftermath;

	private final Supplier<List<TenantId>> tenants;

	private final Clock clock;

	private final RateLimit providerLimit;

	private final Map<TenantId, RateLimit> tenantLimits = new ConcurrentHashMap<>();

	/** When each tenant's next message falls due; absent when it has none queued. */
	private final Map<TenantId, Instant> due = new ConcurrentHashMap<>();

	private final Semaphore inFlight;

	private final BlockingQueue<Settled> outcomes = new LinkedBlockingQueue<>();

	private final ExecutorService workers;

	private final Thread claimer;

	private final Thread recorder;

	private final ReentrantLock signal = new ReentrantLock();

	private final Condition wake = signal.newCondition();

	private final AtomicLong submitted = new AtomicLong();

	private final AtomicInteger busyWorkers = new AtomicInteger();

	private volatile boolean running;

	/** Set when the service stops: outcomes still arriving are not recorded, as after a crash. */
	private volatile boolean halted;

	public Dispatcher(Channel channel, Transport transport, DispatchSettings settings, OutboxStore store,
			Transactions transactions, Decider decider, RecipientGuard guard, Aftermath aftermath,
			Supplier<List<TenantId>> tenants, Clock clock) {
		this.channel = Objects.requireNonNull(channel, "channel");
		this.transport = Objects.requireNonNull(transport, "transport");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.store = Objects.requireNonNull(store, "store");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.decider = Objects.requireNonNull(decider, "decider");
		this.guard = Objects.requireNonNull(guard, "guard");
		this.aftermath = Objects.requireNonNull(aftermath, "aftermath");
		this.tenants = Objects.requireNonNull(tenants, "tenants");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.providerLimit = new RateLimit(settings.providerRate());
		this.inFlight = new Semaphore(settings.inFlight());
		String name = "outbox-" + channel.name().toLowerCase(java.util.Locale.ROOT);
		AtomicInteger n = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
			Thread t = new Thread(r, name + "-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		this.claimer = new Thread(this::claimLoop, name + "-claim");
		this.claimer.setDaemon(true);
		this.recorder = new Thread(this::recordLoop, name + "-record");
		this.recorder.setDaemon(true);
	}

	public Channel channel() {
		return channel;
	}

	public String provider() {
		return transport.provider();
	}

	/**
	 * Recovers what a previous run left SUBMITTING (it becomes UNCERTAIN), learns when each tenant's
	 * next message is due, and starts sending.
	 */
	public synchronized void start() {
		if (running) {
			return;
		}
		Instant now = clock.instant();
		for (TenantId tenant : tenants.get()) {
			int left = transactions.inTransaction(() -> store.interrupted(tenant, now,
					"the service stopped while the message was being submitted: it may have left, so it is not sent again"));
			if (left > 0) {
				log.warn("{} {} message(s) of tenant {} were being submitted when the service stopped; marked UNCERTAIN",
						left, channel, tenant.value());
			}
			refreshDue(tenant);
		}
		running = true;
		claimer.start();
		recorder.start();
	}

	/** Tells the dispatcher that a tenant has a message due at {@code at}. Call it after the commit. */
	public void queued(TenantId tenant, Instant at) {
		due.merge(tenant, at, (a, b) -> a.isBefore(b) ? a : b);
		wakeUp();
	}

	/** Messages handed to the provider since start. */
	public long submitted() {
		return submitted.get();
	}

	/** Whether nothing is claimed, being sent or waiting to be recorded. */
	public boolean idle() {
		return inFlight.availablePermits() == settings.inFlight() && outcomes.isEmpty() && busyWorkers.get() == 0;
	}

	/**
	 * Stops: claims nothing more, lets what is in hand finish and be recorded for up to
	 * {@code submitTimeout}, then stops the threads. What is still unrecorded then stays SUBMITTING
	 * and becomes UNCERTAIN at the next start.
	 */
	@Override
	public void close() {
		running = false;
		wakeUp();
		claimer.interrupt();
		try {
			claimer.join(5_000);
			long end = System.nanoTime() + settings.submitTimeout().toNanos();
			while (!idle() && System.nanoTime() < end) {
				Thread.sleep(10);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		halted = true;
		workers.shutdownNow();
		recorder.interrupt();
		try {
			workers.awaitTermination(5, TimeUnit.SECONDS);
			recorder.join(5_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void claimLoop() {
		int start = 0;
		while (running) {
			try {
				Instant now = clock.instant();
				List<TenantId> ready = new ArrayList<>();
				Instant next = null;
				for (Map.Entry<TenantId, Instant> e : due.entrySet()) {
					if (!e.getValue().isAfter(now)) {
						ready.add(e.getKey());
					}
					else if (next == null || e.getValue().isBefore(next)) {
						next = e.getValue();
					}
				}
				if (ready.isEmpty() || inFlight.availablePermits() == 0) {
					Duration pause = settings.poll();
					if (next != null && ready.isEmpty()) {
						Duration untilNext = Duration.between(now, next);
						pause = untilNext.compareTo(pause) < 0 ? untilNext : pause;
					}
					await(pause);
					if (ready.isEmpty() && !pausedForCapacity()) {
						pollAll();
					}
					continue;
				}
				// Round robin: each pass starts one tenant further, so no tenant starves the others.
				start = (start + 1) % ready.size();
				for (int i = 0; i < ready.size() && running; i++) {
					claim(ready.get((start + i) % ready.size()), now);
				}
			}
			catch (RuntimeException e) {
				log.error("{} dispatcher could not claim messages; trying again", channel, e);
				await(settings.poll());
			}
		}
	}

	private boolean pausedForCapacity() {
		return inFlight.availablePermits() == 0;
	}

	/** What other nodes queued, and what became due without a signal: seen at the next poll. */
	private long lastPoll;

	private void pollAll() {
		long nowMillis = clock.millis();
		if (nowMillis - lastPoll < settings.poll().toMillis()) {
			return;
		}
		lastPoll = nowMillis;
		for (TenantId tenant : tenants.get()) {
			if (!due.containsKey(tenant)) {
				refreshDue(tenant);
			}
		}
	}

	private void claim(TenantId tenant, Instant now) {
		int wanted = Math.min(CLAIM_BATCH, inFlight.availablePermits());
		if (wanted == 0 || !inFlight.tryAcquire(wanted)) {
			return;
		}
		List<OutboxMessage> claimed;
		Set<String> suppressed;
		try {
			Object[] result = transactions.inTransaction(() -> {
				List<OutboxMessage> c = store.claim(tenant, channel, now, wanted);
				return new Object[] { c, c.isEmpty() ? Set.of() : decider.suppressed(c) };
			});
			@SuppressWarnings("unchecked")
			List<OutboxMessage> c = (List<OutboxMessage>) result[0];
			@SuppressWarnings("unchecked")
			Set<String> s = (Set<String>) result[1];
			claimed = c;
			suppressed = s;
		}
		catch (RuntimeException e) {
			inFlight.release(wanted);
			throw e;
		}
		inFlight.release(wanted - claimed.size());
		for (OutboxMessage m : claimed) {
			if (suppressed.contains(m.id())) {
				outcomes.add(new Settled(m, settle(m, MessageState.BLOCKED, "SUPPRESSED (GDPR-07)", null, false,
						List.of()), null));
			}
			else {
				workers.execute(() -> dispatch(m));
			}
		}
		if (claimed.size() < wanted) {
			refreshDue(tenant);
		}
	}

	/** Forgets the tenant's due time, then reads it again: a signal that comes meanwhile is kept. */
	private void refreshDue(TenantId tenant) {
		due.remove(tenant);
		transactions.inTransaction(() -> store.earliestDue(tenant, channel))
			.ifPresent(at -> due.merge(tenant, at, (a, b) -> a.isBefore(b) ? a : b));
	}

	private void dispatch(OutboxMessage m) {
		busyWorkers.incrementAndGet();
		try {
			SubmitOutcome[] sent = new SubmitOutcome[1];
			Settlement settlement = attempt(m, sent);
			outcomes.add(new Settled(m, settlement, sent[0]));
		}
		catch (RuntimeException | Error e) {
			// A bug, not a provider's answer: the message may or may not have left.
			log.error("{} dispatch of message {} failed", channel, m.id(), e);
			outcomes.add(new Settled(m, settle(m, MessageState.UNCERTAIN, "dispatch failed: " + e, null, true,
					List.of()), null));
		}
		finally {
			busyWorkers.decrementAndGet();
		}
	}

	private Settlement attempt(OutboxMessage m, SubmitOutcome[] sent) {
		Instant now = clock.instant();
		if (m.sendBefore() != null && now.isAfter(m.sendBefore())) {
			return settle(m, MessageState.EXPIRED, "not sent before " + m.sendBefore(), null, false, List.of());
		}
		// First outside the locks: most refusals need no lock, and the decision's caches are warm below.
		if (m.decidedBeforeSending()) {
			Settlement refused = refusal(m, now, false);
			if (refused != null) {
				return refused;
			}
		}
		providerLimit.acquire();
		tenantLimit(m.tenant()).acquire();
		int[] stripes = guard.stripesOf(m.tenant(), m.recipientHash(), m.contactId());
		guard.lock(stripes);
		try {
			if (m.decidedBeforeSending()) {
				Settlement refused = refusal(m, clock.instant(), true);
				if (refused != null) {
					return refused;
				}
			}
			SubmitOutcome outcome = submit(m);
			sent[0] = outcome;
			return settlementOf(m, outcome);
		}
		finally {
			guard.unlock(stripes);
		}
	}

	/** The settlement of a message the decision does not let go now; null when it may go. */
	private Settlement refusal(OutboxMessage m, Instant at, boolean locked) {
		Verdict verdict;
		try {
			verdict = locked ? decider.decide(m, at) : decider.screen(m, at);
		}
		catch (org.optinel.core.OptinelException e) {
			// An erased contact, a purpose that no longer exists: nothing to send to, for good.
			return settle(m, MessageState.BLOCKED, e.getMessage(), null, false, List.of());
		}
		catch (RuntimeException e) {
			log.warn("{} message {}: the decision could not be taken ({}); trying again later", channel, m.id(),
					e.toString());
			return settle(m, MessageState.QUEUED, "the decision could not be taken: " + e.getMessage(),
					at.plus(settings.backoffAfter(1)), false, List.of());
		}
		if (verdict.go()) {
			return null;
		}
		if (verdict.notBefore() == null) {
			return settle(m, MessageState.BLOCKED, verdict.reason(), null, false, List.of());
		}
		return settle(m, MessageState.QUEUED, "deferred to " + verdict.notBefore() + " (" + verdict.reason() + ")",
				verdict.notBefore(), false, List.of());
	}

	private SubmitOutcome submit(OutboxMessage m) {
		CompletableFuture<SubmitOutcome> future;
		try {
			future = transport.send(m);
		}
		catch (RuntimeException e) {
			// Thrown before the provider was reached: nothing left.
			return new SubmitOutcome.Retry("could not hand over: " + e.getMessage(), Duration.ZERO);
		}
		try {
			SubmitOutcome outcome = future.get(settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
			submitted.incrementAndGet();
			return outcome;
		}
		catch (TimeoutException e) {
			future.cancel(false);
			return new SubmitOutcome.Uncertain("no answer from the provider within " + settings.submitTimeout(),
					List.of());
		}
		catch (ExecutionException e) {
			return new SubmitOutcome.Uncertain("the provider call failed: " + e.getCause(), List.of());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new SubmitOutcome.Uncertain("interrupted while waiting for the provider", List.of());
		}
	}

	private Settlement settlementOf(OutboxMessage m, SubmitOutcome outcome) {
		Instant now = clock.instant();
		if (outcome instanceof SubmitOutcome.Accepted a) {
			return settle(m, MessageState.SENT, null, null, true, a.providerIds());
		}
		if (outcome instanceof SubmitOutcome.Rejected r) {
			return settle(m, MessageState.FAILED, r.reason(), null, true, List.of());
		}
		if (outcome instanceof SubmitOutcome.Uncertain u) {
			return settle(m, MessageState.UNCERTAIN, u.reason(), null, true, u.providerIds());
		}
		SubmitOutcome.Retry r = (SubmitOutcome.Retry) outcome;
		if (m.attempts() >= settings.maxAttempts()) {
			return settle(m, MessageState.FAILED, "gave up after " + m.attempts() + " attempts: " + r.reason(), null,
					true, List.of());
		}
		Duration pause = settings.backoffAfter(m.attempts());
		if (r.notBefore().compareTo(pause) > 0) {
			pause = r.notBefore();
		}
		return settle(m, MessageState.QUEUED, r.reason(), now.plus(pause), true, List.of());
	}

	private Settlement settle(OutboxMessage m, MessageState state, String reason, Instant nextAttemptAt,
			boolean attemptCounts, List<String> providerIds) {
		return new Settlement(m.tenant(), m.id(), state, reason, nextAttemptAt, attemptCounts,
				providerIds.isEmpty() ? null : transport.provider(), providerIds, clock.instant());
	}

	private RateLimit tenantLimit(TenantId tenant) {
		return tenantLimits.computeIfAbsent(tenant, t -> new RateLimit(settings.tenantRate()));
	}

	private void recordLoop() {
		List<Settled> batch = new ArrayList<>(RECORD_BATCH);
		while (!halted) {
			try {
				Settled first = outcomes.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				outcomes.drainTo(batch, RECORD_BATCH - 1);
				record(batch);
				batch.clear();
			}
			catch (InterruptedException e) {
				if (halted) {
					return;
				}
			}
		}
	}

	private void record(List<Settled> batch) {
		if (halted) {
			return;
		}
		List<Settlement> settlements = batch.stream().map(Settled::settlement).toList();
		while (true) {
			try {
				transactions.inTransaction(() -> {
					store.settle(settlements);
					aftermath.recorded(batch);
					return null;
				});
				break;
			}
			catch (RuntimeException e) {
				// The messages stay SUBMITTING (never resent) until this succeeds; losing the outcome would
				// leave them UNCERTAIN at the next start.
				log.error("{} dispatcher could not record {} outcome(s); trying again", channel, batch.size(), e);
				if (halted) {
					return;
				}
				try {
					Thread.sleep(settings.poll().toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
		inFlight.release(batch.size());
		for (Settled s : batch) {
			if (s.settlement().state() == MessageState.QUEUED) {
				queued(s.settlement().tenant(), s.settlement().nextAttemptAt());
			}
		}
		wakeUp();
	}

	private void wakeUp() {
		signal.lock();
		try {
			wake.signalAll();
		}
		finally {
			signal.unlock();
		}
	}

	private void await(Duration pause) {
		if (pause.isNegative() || pause.isZero()) {
			return;
		}
		signal.lock();
		try {
			wake.await(pause.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			if (!running) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			signal.unlock();
		}
	}
}
