package org.optinel.eligibility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.optinel.consent.ConsentStatus;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The facts of each tenant's contacts in compact arrays, so that most decisions never touch the
 * database. Loaded per tenant on first use, in the background; until then, and for contacts it
 * does not hold, the caller decides from SQL ({@link #decide} answers empty).
 *
 * <p>Invariant (US-02, GDPR-07): a suppression is applied here inside the transaction that adds
 * it, before its commit, and remembered per tenant so that a load or a refresh that read the
 * database before that commit still applies it. Erring on the side of the person, a suppression
 * rolled back or lifted is undone only after the fact, from the database. A withdrawal is applied
 * the same way. A contact granted a consent is decided from SQL from its commit until the index
 * has read it again; contact changes and lifts become visible shortly after their commit.
 */
@Component
public class EligibilityIndex implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EligibilityIndex.class);

	static final int HAS_PHONE = 1;

	static final int HAS_EMAIL = 2;

	static final int PROFESSIONAL = 4;

	static final int IN_SALE = 8;

	static final int OPT_OUT = 16;

	static final int SUPPRESSED_SMS = 32;

	static final int SUPPRESSED_EMAIL = 64;

	static final int SMS_STOP = 128;

	private static final ConsentStatus[] STATUSES = ConsentStatus.values();

	private final EligibilityLoader loader;

	private final Map<TenantId, Holder> holders = new ConcurrentHashMap<>();

	/**
	 * How long changed contacts gather before the background thread reads them again. Each read
	 * transaction starts with a cold page cache (another connection wrote since), so one read of many
	 * contacts costs far less than many reads of a few. Meanwhile those contacts are decided from SQL.
	 */
	static final long GATHER_MILLIS = 5;

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "eligibility-index");
		t.setDaemon(true);
		return t;
	});

	EligibilityIndex(EligibilityLoader loader) {
		this.loader = loader;
	}

	/** The decision from memory, or empty when the tenant is not loaded yet or the contact is not held. */
	Optional<Decision> decide(TenantId tenant, String contactId, Message message, EligibilityPolicy policy, Instant at) {
		Holder holder = holder(tenant);
		Snapshot s = holder.snapshot;
		if (s == null) {
			holder.loadOnce(this);
			return Optional.empty();
		}
		int slot = s.slot(contactId);
		if (slot < 0 || holder.pending.containsKey(contactId)) {
			return Optional.empty();
		}
		int f = s.flags[slot] & 0xFF;
		long last = s.lastClient[slot];
		ConsentFacts consent = null;
		Snapshot.Column column = s.columns.get(Snapshot.columnKey(message.channel(), message.purpose()));
		if (column != null && column.status[slot] != 0) {
			consent = new ConsentFacts(STATUSES[column.status[slot] - 1], Instant.ofEpochMilli(column.since[slot]));
		}
		Recipient r = new Recipient((f & HAS_PHONE) != 0, (f & HAS_EMAIL) != 0, RecipientZone.ofOrdinal(s.zone[slot]),
				(f & SUPPRESSED_SMS) != 0, (f & SUPPRESSED_EMAIL) != 0, (f & SMS_STOP) != 0,
				last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last), (f & IN_SALE) != 0, (f & OPT_OUT) != 0,
				(f & PROFESSIONAL) != 0);
		return Optional.of(Eligibility.decide(message, r, consent, policy, at));
	}

	/**
	 * Whether the hash was suppressed on the channel since the process started (including inside a
	 * transaction not yet committed). Memory only: safe to ask while holding locks.
	 */
	boolean recentlySuppressed(TenantId tenant, String hash, Channel channel, boolean marketing) {
		Integer bits = holder(tenant).recent.get(hash);
		if (bits == null) {
			return false;
		}
		// Bits of Snapshot.suppressionBits: 1 SMS scope, 2 EMAIL scope, 4 all channels, 8 an SMS STOP.
		// Transactional messages: only an SMS STOP silences them (a STOP silences the sender).
		int wanted = channel == Channel.SMS ? (marketing ? 1 | 4 | 8 : 8) : (marketing ? 2 | 4 : 0);
		return (bits & wanted) != 0;
	}

	/**
	 * The held contact whose phone has this keyed hash: empty when the tenant's index is not loaded
	 * yet (its load is then started), an empty list when no held contact has it.
	 */
	Optional<List<String>> contactsWithPhoneHash(TenantId tenant, String hash) {
		Holder holder = holder(tenant);
		Snapshot s = holder.snapshot;
		if (s == null) {
			holder.loadOnce(this);
			return Optional.empty();
		}
		String id = s.contactWithPhoneHash(hash);
		return Optional.of(id == null ? List.of() : List.of(id));
	}

	/** Whether the tenant's index is loaded (for tests and reports). */
	public boolean loaded(TenantId tenant) {
		return holder(tenant).snapshot != null;
	}

	/** Whether the tenant's index holds the contact, so that it is decided from memory (for tests and reports). */
	public boolean holds(TenantId tenant, String contactId) {
		Snapshot s = holder(tenant).snapshot;
		return s != null && s.slot(contactId) >= 0;
	}

	/** Loads the tenant's index now, in the calling thread, and reports how long it took. */
	public LoadReport loadNow(TenantId tenant) {
		return holder(tenant).load(this);
	}

	/** What a load did. */
	public record LoadReport(int contacts, long millis) {
	}

	// Applied by EligibilityEvents.

	/** Inside the adding transaction: mark every held contact with this hash, and remember it. */
	void suppressionAdded(TenantId tenant, String hash, Channel scope, boolean smsStop) {
		Holder holder = holder(tenant);
		int bits = Snapshot.suppressionBits(scope, smsStop);
		holder.recent.merge(hash, bits, (a, b) -> a | b);
		Snapshot s = holder.snapshot;
		if (s != null) {
			s.applySuppression(hash, scope, smsStop);
		}
	}

	/** After a rollback of an add or after a lift: forget what was remembered and read the truth again. */
	void suppressionSettled(TenantId tenant, String hash) {
		Holder holder = holder(tenant);
		holder.recent.remove(hash);
		holder.hashes.add(hash);
		holder.scheduleRefresh(this);
	}

	/** Inside the withdrawing transaction: the answer is no from now on (a later read corrects a back-dated one). */
	void withdrawn(TenantId tenant, String contactId, Channel channel, String purpose, Instant occurredAt) {
		Holder holder = holder(tenant);
		holder.withdrawals.merge(contactId + '|' + Snapshot.columnKey(channel, purpose), occurredAt.toEpochMilli(),
				Math::max);
		Snapshot s = holder.snapshot;
		if (s != null) {
			s.withdraw(contactId, channel, purpose, occurredAt.toEpochMilli());
		}
	}

	/**
	 * After the withdrawing transaction completed: read the contact again, then forget the
	 * withdrawal. Refreshes run one at a time, and the withdrawal is forgotten only after a refresh
	 * that read the contact after this call, so every refresh that may have read the state before
	 * the commit still applies it.
	 */
	void withdrawalSettled(TenantId tenant, String contactId, Channel channel, String purpose) {
		Holder holder = holder(tenant);
		String key = contactId + '|' + Snapshot.columnKey(channel, purpose);
		if (holder.loading) {
			holder.dirty.add(contactId);
		}
		holder.contacts.add(contactId);
		holder.settled.add(key);
		holder.scheduleRefresh(this);
	}

	/**
	 * Inside the erasing transaction: forget the contact at once. A load or a refresh that read it
	 * before the commit may hold it again; the caller reads it once more after the transaction
	 * ({@link #changed}), which forgets it for good or, after a rollback, holds it again.
	 */
	void erased(TenantId tenant, String contactId) {
		Snapshot s = holder(tenant).snapshot;
		if (s != null) {
			s.forget(contactId);
		}
	}

	/**
	 * After a commit (or rollback) that touched a contact: read it again, in the background, with
	 * the other contacts changed meanwhile (a grant per request would otherwise cost a read
	 * transaction each, and a backlog formed under load).
	 */
	void changed(TenantId tenant, String contactId) {
		Holder holder = holder(tenant);
		if (holder.loading) {
			holder.dirty.add(contactId);
		}
		holder.contacts.add(contactId);
		holder.scheduleRefresh(this);
	}

	/**
	 * After a commit (or rollback) that changed only a contact's consent states (a grant): read its
	 * states again, in the background, with the other grants meanwhile (one query: a grant changes
	 * neither its contact row, nor its suppressions, nor its activity). Until then the contact is
	 * decided from SQL, so that the grant is a basis to send as soon as it is committed.
	 */
	void consentChanged(TenantId tenant, String contactId) {
		Holder holder = holder(tenant);
		holder.pending.put(contactId, holder.generation.incrementAndGet());
		if (holder.loading) {
			holder.dirty.add(contactId);
		}
		holder.granted.add(contactId);
		holder.scheduleRefresh(this);
	}

	/** After an import: many contacts changed; load the tenant anew in the background. */
	void imported(TenantId tenant) {
		Holder holder = holder(tenant);
		if (holder.snapshot != null) {
			background.execute(() -> holder.load(this));
		}
	}

	/**
	 * Reads the contacts again, {@link EligibilityStore#MAX_NAMED} at a time; those that cannot be
	 * read are forgotten, so that they are decided from SQL.
	 */
	private void refresh(Holder holder, Collection<String> contactIds) {
		refresh(holder, contactIds, false);
	}

	/** As {@link #refresh(Holder, Collection)}; when {@code statesOnly}, only their consent states are read. */
	private void refresh(Holder holder, Collection<String> contactIds, boolean statesOnly) {
		Snapshot s = holder.snapshot;
		if (s == null || contactIds.isEmpty()) {
			return;
		}
		List<String> ids = List.copyOf(contactIds);
		for (int from = 0; from < ids.size(); from += EligibilityStore.MAX_NAMED) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + EligibilityStore.MAX_NAMED));
			try {
				if (statesOnly) {
					loader.refreshStates(holder.tenant, s, chunk);
				}
				else {
					loader.refresh(holder.tenant, s, chunk, holder.recent);
				}
				holder.applyWithdrawals(s, Set.copyOf(chunk));
			}
			catch (RuntimeException e) {
				log.warn("Could not refresh the eligibility facts of {} contacts of tenant {}; they are decided from SQL",
						chunk.size(), holder.tenant, e);
				chunk.forEach(s::forget);
			}
		}
	}

	/**
	 * On the background thread: everything queued for the tenant since the last pass, in one pass.
	 * The withdrawals to forget are taken first, and forgotten only after the contacts are read,
	 * so that each is forgotten after a read that began after its transaction completed.
	 */
	private void drain(Holder holder) {
		holder.scheduled.set(false);
		long upTo = holder.generation.get();
		List<String> settled = take(holder.settled);
		List<String> hashes = take(holder.hashes);
		Set<String> ids = new LinkedHashSet<>(take(holder.contacts));
		Set<String> granted = new LinkedHashSet<>(take(holder.granted));
		Snapshot s = holder.snapshot;
		if (s != null) {
			hashes.forEach(hash -> ids.addAll(s.contactsWithHash(hash)));
		}
		refresh(holder, ids);
		Set<String> statesOnly = new LinkedHashSet<>(granted);
		statesOnly.removeAll(ids);
		refresh(holder, statesOnly, true);
		settled.forEach(holder.withdrawals::remove);
		// Read again (or forgotten, or not loaded): decided from memory again, unless granted once more since.
		granted.forEach(id -> holder.pending.computeIfPresent(id, (k, generation) -> generation <= upTo ? null : generation));
	}

	private static List<String> take(Queue<String> queue) {
		List<String> taken = new ArrayList<>();
		for (String item = queue.poll(); item != null; item = queue.poll()) {
			taken.add(item);
		}
		return taken;
	}

	private Holder holder(TenantId tenant) {
		return holders.computeIfAbsent(tenant, Holder::new);
	}

	@Override
	public void destroy() {
		background.shutdownNow();
	}

	/** One tenant: its snapshot once loaded, and the suppressions seen since the process started. */
	static final class Holder {

		final TenantId tenant;

		volatile Snapshot snapshot;

		volatile boolean loading;

		/** Hash to suppression bits, added inside transactions: applied to every load and refresh. */
		final Map<String, Integer> recent = new ConcurrentHashMap<>();

		final Set<String> dirty = ConcurrentHashMap.newKeySet();

		/** Contacts to read again, suppression hashes whose contacts to read again, withdrawals then to forget. */
		final Queue<String> contacts = new ConcurrentLinkedQueue<>();

		/** Contacts whose consent states only to read again. */
		final Queue<String> granted = new ConcurrentLinkedQueue<>();

		/**
		 * Contacts granted a consent that the index has not read yet, with the {@link #generation} of
		 * their last grant: they are decided from SQL until a pass that began after it read them.
		 */
		final Map<String, Long> pending = new ConcurrentHashMap<>();

		final AtomicLong generation = new AtomicLong();

		final Queue<String> hashes = new ConcurrentLinkedQueue<>();

		final Queue<String> settled = new ConcurrentLinkedQueue<>();

		/** Whether a pass over those queues is waiting on the background thread. */
		final AtomicBoolean scheduled = new AtomicBoolean();

		void scheduleRefresh(EligibilityIndex index) {
			if (scheduled.compareAndSet(false, true)) {
				index.background.schedule(() -> index.drain(this), GATHER_MILLIS, TimeUnit.MILLISECONDS);
			}
		}

		/** "contact|channel:purpose" to the instant of a withdrawal whose transaction has not settled yet. */
		final Map<String, Long> withdrawals = new ConcurrentHashMap<>();

		/** Applies the unsettled withdrawals of these contacts, or of all when {@code contactIds} is null. */
		void applyWithdrawals(Snapshot s, Set<String> contactIds) {
			withdrawals.forEach((key, at) -> {
				int bar = key.indexOf('|');
				String id = key.substring(0, bar);
				if (contactIds == null || contactIds.contains(id)) {
					String column = key.substring(bar + 1);
					int colon = column.indexOf(':');
					s.withdraw(id, Channel.valueOf(column.substring(0, colon)), column.substring(colon + 1), at);
				}
			});
		}

		Holder(TenantId tenant) {
			this.tenant = tenant;
		}

		void loadOnce(EligibilityIndex index) {
			synchronized (this) {
				if (loading || snapshot != null) {
					return;
				}
				loading = true;
			}
			index.background.execute(() -> load(index));
		}

		LoadReport load(EligibilityIndex index) {
			synchronized (this) {
				loading = true;
			}
			long start = System.nanoTime();
			try {
				Snapshot loaded = index.loader.load(tenant, recent);
				applyWithdrawals(loaded, null);
				snapshot = loaded;
				long millis = (System.nanoTime() - start) / 1_000_000;
				log.info("Eligibility index of tenant {} loaded: {} contacts in {} ms", tenant, loaded.size(), millis);
				return new LoadReport(loaded.size(), millis);
			}
			catch (RuntimeException e) {
				log.warn("Could not load the eligibility index of tenant {}; decisions come from SQL", tenant, e);
				throw e;
			}
			finally {
				synchronized (this) {
					loading = false;
				}
				List<String> again = new ArrayList<>(dirty);
				dirty.removeAll(again);
				index.refresh(this, again);
			}
		}
	}

	/** Turns a UUID text into the long the index keys it by; 0 when it is no UUID. */
	static long[] uuid(String id) {
		try {
			UUID u = UUID.fromString(id);
			return new long[] { u.getMostSignificantBits(), u.getLeastSignificantBits() };
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
