package org.optinel.campaigns;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.optinel.audit.AuditLog;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactErasure;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactPage;
import org.optinel.contacts.ContactProfile;
import org.optinel.contacts.ErasureReport;
import org.optinel.contacts.ContactQuery;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.Channel;
import org.optinel.core.Database;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.eligibility.Basis;
import org.optinel.eligibility.Decision;
import org.optinel.eligibility.DenyReason;
import org.optinel.eligibility.EligibilityAnswer;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.eligibility.Subject;
import org.optinel.messaging.MessagingProperties;
import org.optinel.messaging.outbox.MessageState;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.sender.EmailContent;
import org.optinel.messaging.sender.PreparedEmail;
import org.optinel.messaging.sender.PreparedSms;
import org.optinel.messaging.sender.SenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.messaging.sender.SmsContent;
import org.optinel.preferences.PreferenceLinks;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.Jurisdiction;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-permission campaigns: defined, previewed, launched through the outbox, paused and resumed.
 * <p>
 * Who may be asked (FR-12): the contacts of the chosen lifecycles, screened against the suppression
 * list first (SEED-02), without a valid basis for the asked purposes. A contact with a weak basis
 * (stale or unproven consent, soft opt-in) may be asked; one without any may be asked once, by a
 * French tenant, at or near the end of the retention period; nobody who said no, and nobody twice
 * without a basis.
 */
@Service
public class CampaignManagement {

	/** The retention period of a prospect without consent (FR-09), and how near its end asking once is allowed. */
	static final int RETENTION_MONTHS = 36;

	static final int NEAR_END_MONTHS = 3;

	static final int PAGE = ContactQuery.MAX_LIMIT;

	/**
	 * Recipients written per transaction by a launch. No index of a launch takes entries at random
	 * places any more (ordered link tokens, no phone-hash index), so a commit writes about the pages
	 * its own rows filled, and smaller batches cost little: at 100,000 recipients, 5,000 a batch was
	 * faster than 20,000 (the writer starts sooner) and as fast as 2,000, and SQLite's write lock is
	 * held about a quarter of a second at a time, the longest a STOP waits during a launch.
	 */
	static final int WRITE_BATCH = 5_000;

	/**
	 * The SQLite page cache of the launch's connection: the pages of the indexes by contact, which
	 * every batch changes along its range of contacts, stay in memory from batch to batch.
	 */
	static final int LAUNCH_CACHE_KIB = 256 * 1024;

	/** Pages of contacts a launch reads ahead of their classification: 20 pages are 10,000 contacts. */
	static final int READ_AHEAD_PAGES = 20;

	static final List<String> DEFAULT_YES = List.of("OUI", "YES");

	static final List<String> DEFAULT_NO = List.of("NON", "NO");

	/** The template field filled with the recipient's own preference-centre link, valid until the deadline. */
	static final String PREFERENCES = "{preferences}";

	private final CampaignStore store;

	private final TenantManagement tenants;

	private final PurposeManagement purposes;

	private final ContactManagement contacts;

	private final EligibilityManagement eligibility;

	private final SenderProfileManagement senders;

	private final Outbox outbox;

	private final IdentifierHashing hashing;

	private final MessagingProperties messaging;

	private final Environment environment;

	private final Ids ids;

	private final Clock clock;

	private final ContactErasure erasures;

	private final SuppressionList suppressions;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final PreferenceLinks preferenceLinks;

	private final Database database;

	CampaignManagement(CampaignStore store, TenantManagement tenants, PurposeManagement purposes,
			ContactManagement contacts, EligibilityManagement eligibility, SenderProfileManagement senders,
			Outbox outbox, IdentifierHashing hashing, MessagingProperties messaging, Environment environment, Ids ids,
			Clock clock, PlatformTransactionManager transactionManager, ContactErasure erasures,
			SuppressionList suppressions, AuditLog audit, PreferenceLinks preferenceLinks, Database database) {
		this.preferenceLinks = preferenceLinks;
		this.database = database;
		this.erasures = erasures;
		this.suppressions = suppressions;
		this.audit = audit;
		this.store = store;
		this.tenants = tenants;
		this.purposes = purposes;
		this.contacts = contacts;
		this.eligibility = eligibility;
		this.senders = senders;
		this.outbox = outbox;
		this.hashing = hashing;
		this.messaging = messaging;
		this.environment = environment;
		this.ids = ids;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Checks a definition, publishes its question as the notice of each asked purpose and language
	 * (the text people answer, GDPR-02), and stores the campaign as a DRAFT.
	 * @throws InvalidInputException naming every field to fix; nothing is written
	 */
	@Transactional
	public Campaign create(TenantId tenantId, CampaignDefinition request) {
		tenants.require(tenantId);
		CampaignDefinition d = checked(tenantId, request);
		Map<String, Map<String, String>> notices = new TreeMap<>();
		for (String purpose : d.purposes()) {
			Map<String, String> byLanguage = new TreeMap<>();
			d.questions().forEach((language, text) -> byLanguage.put(language,
					purposes.publish(tenantId, purpose, language, text).notice().id()));
			notices.put(purpose, byLanguage);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Campaign campaign = new Campaign(tenantId, ids.next(), d.withNotices(notices), CampaignState.DRAFT, now, null,
				null);
		store.insert(campaign);
		return campaign;
	}

	@Transactional(readOnly = true)
	public Campaign get(TenantId tenant, String id) {
		return store.find(tenant, id).orElseThrow(() -> new NotFoundException("campaign", id));
	}

	/** How many recipients of a launched campaign are in each class and state ({@code class/state}). */
	@Transactional(readOnly = true)
	public Map<String, Long> recipients(TenantId tenant, String id) {
		get(tenant, id);
		return store.countRecipients(tenant, id);
	}

	/** Answers per day and state, for charts. */
	@Transactional(readOnly = true)
	public List<CampaignStore.DayCount> answersByDay(TenantId tenant, String id) {
		return store.answersByDay(tenant, id);
	}

	/** How the campaign's messages stand in the outbox. */
	public Map<MessageState, Long> messages(TenantId tenant, String id) {
		return outbox.countByState(tenant, Origin.CAMPAIGN, id);
	}

	/** What launching would do now: classes and reasons, channels, SMS size and cost, the schedule. Writes nothing. */
	public Preview preview(TenantId tenantId, String id) {
		Campaign campaign = get(tenantId, id);
		Tenant tenant = tenants.require(tenantId);
		Instant now = clock.instant();
		Map<AskClass, Long> classes = new EnumMap<>(AskClass.class);
		for (AskClass c : AskClass.values()) {
			classes.put(c, 0L);
		}
		Map<String, Long> reasons = new TreeMap<>();
		Map<String, Long> channels = new TreeMap<>();
		classifyReadingAhead(tenant, campaign.definition(), now, page -> page.forEach(c -> {
			classes.merge(c.askClass(), 1L, Long::sum);
			if (c.reason() != null) {
				reasons.merge(c.reason(), 1L, Long::sum);
			}
			if (c.channel() != null) {
				channels.merge(c.channel().name(), 1L, Long::sum);
			}
		}));
		SenderProfile profile = senders.profile(tenantId);
		CampaignDefinition d = campaign.definition();
		Integer segments = null;
		String encoding = null;
		BigDecimal cost = null;
		String currency = null;
		if (d.plan().channels().contains(Channel.SMS)) {
			PreparedSms sms = SmsContent.prepare(profile, fill(d.sms().get(defaultLanguage(d)), "Camille",
					linkBase() + "/c/" + "x".repeat(RecipientTokens.LENGTH), d.yesWords().get(0), sampleLink()), true);
			segments = sms.segments();
			encoding = sms.encoding().name();
			long smsCount = channels.getOrDefault(Channel.SMS.name(), 0L);
			if (sms.estimatedCost() != null) {
				cost = sms.estimatedCost().amount().multiply(BigDecimal.valueOf(smsCount));
				currency = sms.estimatedCost().currency();
			}
		}
		Instant firstSend = d.plan() == ChannelPlan.SMS ? eligibility.earliestToAsk(tenantId, Channel.SMS,
				"+33600000000", now) : now;
		List<Instant> reminders = d.remindersDaysBefore()
			.stream()
			.map(days -> d.deadline().minus(Duration.ofDays(days)))
			.toList();
		return new Preview(classes, reasons, channels, segments, encoding, cost, currency, firstSend, reminders,
				d.deadline());
	}

	/**
	 * Launches a DRAFT (or carries on with a RUNNING campaign whose launch was interrupted): the
	 * contacts that may be asked become recipients and their first message is queued, WRITE_BATCH
	 * recipients per transaction. Running it again adds nobody twice and queues nothing twice.
	 * @return how many recipients were asked by this call
	 */
	public long launch(TenantId tenantId, String id) {
		Campaign campaign = get(tenantId, id);
		Tenant tenant = tenants.require(tenantId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (!transactions.execute(s -> store.transition(tenantId, id, Set.of(CampaignState.DRAFT,
				CampaignState.RUNNING), CampaignState.RUNNING, now))) {
			throw new OptinelException(ProblemKind.CONFLICT, "campaign-not-launchable", "Campaign cannot be launched",
					"the campaign is " + get(tenantId, id).state() + "; only a DRAFT is launched");
		}
		CampaignDefinition d = campaign.definition();
		if (now.isAfter(d.deadline())) {
			throw new InvalidInputException("deadline", "has passed (" + d.deadline() + "); nothing was sent");
		}
		Batches batches = new Batches(tenantId, id, d, senders.profile(tenantId), hashing.hasher(tenantId), now,
				linkBase());
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// In the caller's transaction: everything on this thread, in it.
			classify(tenant, d, now, page -> batches.add(page, this::write));
			batches.flush(this::write);
			return batches.asked();
		}
		return pipelined(tenant, d, now, batches);
	}

	/**
	 * The launch on three threads, so that the database work (reading the contacts, writing the
	 * batches) and the work of the processor (classes, texts, hashes) overlap: one thread reads the
	 * audience ahead into a bounded queue, this one classifies it and builds the rows, one writes the
	 * batches, each in its own transaction, on a connection with a large page cache. The first failure
	 * stops all three and is thrown here; the batches written before it stay, as a launch carried on
	 * later expects.
	 */
	private long pipelined(Tenant tenant, CampaignDefinition d, Instant now, Batches batches) {
		BlockingQueue<List<ContactProfile>> pages = new ArrayBlockingQueue<>(READ_AHEAD_PAGES);
		BlockingQueue<Batch> written = new ArrayBlockingQueue<>(1);
		ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
			Thread t = new Thread(r, "campaign-launch-" + batches.campaignId);
			t.setDaemon(true);
			return t;
		});
		try {
			Future<?> reader = threads.submit(() -> {
				readAudience(tenant, d, items -> put(pages, items));
				put(pages, List.of());
				return null;
			});
			Future<?> writer = threads.submit(() -> database.withPageCache(LAUNCH_CACHE_KIB, () -> {
				while (true) {
					Batch batch = take(written);
					if (batch.isEnd()) {
						return null;
					}
					write(batch);
				}
			}));
			Consumer<Batch> toWriter = batch -> offer(written, batch, writer);
			while (true) {
				List<ContactProfile> items = poll(pages, reader);
				if (items.isEmpty()) {
					break;
				}
				batches.add(classifyPage(tenant, d, now, items), toWriter);
			}
			batches.flush(toWriter);
			offer(written, Batch.END, writer);
			await(reader);
			await(writer);
			return batches.asked();
		}
		finally {
			threads.shutdownNow();
			try {
				// A batch being written when something else failed is committed or rolled back before this returns.
				threads.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void write(Batch batch) {
		transactions.executeWithoutResult(s -> {
			store.insertRecipients(batch.recipients());
			outbox.enqueueAll(batch.messages());
		});
	}

	/** The recipients of a launch and their first messages, gathered into batches of WRITE_BATCH. */
	private final class Batches {

		private final TenantId tenantId;

		private final String campaignId;

		private final CampaignDefinition d;

		private final SenderProfile profile;

		private final IdentifierHashing.Hasher hasher;

		private final Instant now;

		private final String base;

		private List<CampaignStore.Recipient> recipients = new ArrayList<>();

		private List<NewMessage> messages = new ArrayList<>();

		private final RecipientTokens tokens;

		private long asked;

		Batches(TenantId tenantId, String campaignId, CampaignDefinition d, SenderProfile profile,
				IdentifierHashing.Hasher hasher, Instant now, String base) {
			this.tenantId = tenantId;
			this.campaignId = campaignId;
			this.d = d;
			this.profile = profile;
			this.hasher = hasher;
			this.now = now;
			this.base = base;
			this.tokens = new RecipientTokens(now);
		}

		/** Adds those of the page who may be asked; hands a full batch to {@code sink}. */
		void add(List<Classified> page, Consumer<Batch> sink) {
			for (Classified c : page) {
				if (!c.askClass().mayAsk()) {
					continue;
				}
				Contact contact = c.profile().contact();
				String token = tokens.next();
				// A recipient keeps the keyed hash that a query finds it by, and no other: the email hash of one
				// asked by email, for an email opt-out (V15). SMS answers and opt-outs go by contact (V16).
				String emailHash = c.channel() == Channel.EMAIL && contact.email() != null
						? hasher.emailKey(contact.email().key()) : null;
				recipients.add(new CampaignStore.Recipient(tenantId, campaignId, contact.id().value(), c.askClass(),
						c.channel().name(), null, emailHash, token, "MESSAGED", now));
				messages.add(message(tenantId, campaignId, d, profile, contact, c.channel(), base + "/c/" + token, "1"));
			}
			if (recipients.size() >= WRITE_BATCH) {
				flush(sink);
			}
		}

		void flush(Consumer<Batch> sink) {
			if (recipients.isEmpty()) {
				return;
			}
			// The messages' ids, keyed hashes and times are worked out here, beside the writer.
			Batch batch = new Batch(recipients, outbox.prepare(tenantId, messages));
			recipients = new ArrayList<>();
			messages = new ArrayList<>();
			sink.accept(batch);
			asked += batch.recipients().size();
		}

		long asked() {
			return asked;
		}
	}

	/** Rows written in one transaction; {@link #END} (no rows) tells the writer that none follow. */
	private record Batch(List<CampaignStore.Recipient> recipients, Outbox.Prepared messages) {

		static final Batch END = new Batch(List.of(), null);

		boolean isEnd() {
			return recipients.isEmpty();
		}
	}

	private static <T> void put(BlockingQueue<T> queue, T item) {
		try {
			queue.put(item);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("the launch stopped");
		}
	}

	private static <T> T take(BlockingQueue<T> queue) {
		try {
			return queue.take();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("the launch stopped");
		}
	}

	/** Hands {@code item} to the thread of {@code other}, or throws what stopped that thread. */
	private static <T> void offer(BlockingQueue<T> queue, T item, Future<?> other) {
		try {
			while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
				if (other.isDone()) {
					await(other);
					throw new IllegalStateException("the launch's writer stopped early");
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("the launch was interrupted");
		}
	}

	/** The next item from the thread of {@code other}, or what stopped that thread. */
	private static <T> T poll(BlockingQueue<T> queue, Future<?> other) {
		try {
			while (true) {
				T item = queue.poll(100, TimeUnit.MILLISECONDS);
				if (item != null) {
					return item;
				}
				if (other.isDone()) {
					await(other);
					throw new IllegalStateException("the reader of the contacts stopped early");
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("the launch was interrupted");
		}
	}

	/** Waits for the thread's end and throws what it threw, as it was. */
	private static void await(Future<?> thread) {
		try {
			thread.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("the launch was interrupted");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("the launch failed", e.getCause());
		}
	}

	/**
	 * Moves the tenant's running campaigns on: queues the reminders that fell due (to those who have
	 * not answered, unless every message to them was refused or bounced) and, for an email-then-SMS
	 * plan, the SMS to those who did not answer the email in time. Each message has a dedupe key, so
	 * running it again queues nothing twice.
	 * @return how many messages were queued
	 */
	public long advance(TenantId tenantId) {
		long queued = 0;
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		for (Campaign c : transactions.execute(s -> store.active(tenantId))) {
			if (!now.isBefore(c.definition().deadline())) {
				close(tenantId, c.id(), "scheduler", false);
				continue;
			}
			if (c.state() != CampaignState.RUNNING) {
				continue;
			}
			CampaignDefinition d = c.definition();
			Set<String> done = store.stepsDone(tenantId, c.id());
			for (Integer days : d.remindersDaysBefore()) {
				String step = "r" + days;
				if (done.contains(step) || now.isBefore(d.deadline().minus(Duration.ofDays(days)))) {
					continue;
				}
				queued += remind(tenantId, c, null, now, false, step);
				transactions.executeWithoutResult(s -> store.stepDone(tenantId, c.id(), step));
			}
			if (d.plan() == ChannelPlan.EMAIL_THEN_SMS) {
				queued += remind(tenantId, c, Channel.EMAIL, now.minus(Duration.ofDays(d.smsAfterDays())), true, "sms");
			}
		}
		return queued;
	}

	/** Queues step {@code step} to the waiting recipients, page by page; the SMS follow-up when {@code followUp}. */
	private long remind(TenantId tenantId, Campaign c, Channel askedOn, Instant askedBefore, boolean followUp,
			String step) {
		SenderProfile profile = senders.profile(tenantId);
		String base = linkBase();
		// A recipient whose every message was refused or bounced is not asked again at that address: it
		// would be refused again, and the close counts it BOUNCED anyway. A follow-up goes on another channel.
		Map<String, List<MessageState>> sent = followUp ? Map.of()
				: outbox.statesByContact(tenantId, Origin.CAMPAIGN, c.id());
		long queued = 0;
		String after = null;
		while (true) {
			String from = after;
			List<CampaignStore.Recipient> page = transactions.execute(s -> store.waiting(tenantId, c.id(),
					askedOn == null ? null : askedOn.name(), askedBefore, followUp, from, PAGE));
			if (page.isEmpty()) {
				return queued;
			}
			long[] n = { 0 };
			transactions.executeWithoutResult(s -> {
				List<String> followed = new ArrayList<>();
				for (CampaignStore.Recipient r : page) {
					if (bounced(sent.getOrDefault(r.contactId(), List.of()))) {
						continue;
					}
					Contact contact = contacts.get(tenantId, new ContactId(r.contactId())).contact();
					Channel channel = followUp ? Channel.SMS : Channel.valueOf(r.channel());
					if ((channel == Channel.SMS && contact.phone() == null)
							|| (channel == Channel.EMAIL && contact.email() == null)) {
						continue;
					}
					if (outbox.enqueue(message(tenantId, c.id(), c.definition(), profile, contact, channel,
							base + "/c/" + r.token(), step)).created()) {
						n[0]++;
					}
					followed.add(r.contactId());
				}
				if (followUp) {
					store.followedUp(tenantId, c.id(), followed);
				}
			});
			queued += n[0];
			after = page.get(page.size() - 1).contactId();
		}
	}

	/**
	 * What closing a campaign did, or would do: its recipients by outcome, and what happened to those
	 * who did not answer (SEED-04).
	 */
	public record Closing(String campaignId, boolean dryRun, DeadlineOutcome outcome, long confirmed, long declined,
			long optedOut, long bounced, long noAnswer, long removed, long suppressed, int cancelledMessages,
			ErasureReport erasure) {
	}

	/**
	 * Closes a running or paused campaign (at its deadline, or early): answers stop counting, its
	 * queued messages are cancelled, recipients whose message could not be delivered are BOUNCED,
	 * the silent ones NO_ANSWER, and those are then deleted (erased: their personal data, keeping
	 * suppression hashes and the ledger, SEED-04, GDPR-10) or only suppressed, as the campaign says.
	 * A dry run reports the same figures and changes nothing. The execution leaves an audit entry.
	 */
	public Closing close(TenantId tenantId, String id, String actor, boolean dryRun) {
		Campaign c = get(tenantId, id);
		if (c.state() == CampaignState.DRAFT || c.state() == CampaignState.CLOSED) {
			throw new OptinelException(ProblemKind.CONFLICT, "campaign-state", "Campaign is " + c.state(),
					"only a RUNNING or PAUSED campaign is closed; this one is " + c.state());
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (!dryRun && !transactions.execute(s -> store.transition(tenantId, id,
				Set.of(CampaignState.RUNNING, CampaignState.PAUSED), CampaignState.CLOSED, now))) {
			throw new OptinelException(ProblemKind.CONFLICT, "campaign-state", "Campaign changed",
					"the campaign was closed meanwhile");
		}
		// The states before the cancellation: a message still waiting in the queue is no bounce, and the
		// dry run must count exactly what the execution does.
		Map<String, List<MessageState>> sent = outbox.statesByContact(tenantId, Origin.CAMPAIGN, id);
		int cancelled = dryRun ? 0 : outbox.cancel(tenantId, Origin.CAMPAIGN, id);
		List<String> waiting = transactions.execute(s -> store.contactsIn(tenantId, id, "MESSAGED"));
		List<String> bounced = new ArrayList<>();
		List<String> silent = new ArrayList<>();
		for (String contact : waiting) {
			(bounced(sent.getOrDefault(contact, List.of())) ? bounced : silent).add(contact);
		}
		DeadlineOutcome outcome = c.definition().outcome();
		ErasureReport erasure = null;
		long removed = 0;
		long suppressedCount = 0;
		if (!dryRun) {
			transactions.executeWithoutResult(s -> {
				store.mark(tenantId, id, bounced, "MESSAGED", "BOUNCED", now);
				store.mark(tenantId, id, silent, "MESSAGED", "NO_ANSWER", now);
			});
		}
		List<ContactId> silentIds = silent.stream().map(ContactId::new).toList();
		if (outcome == DeadlineOutcome.DELETE) {
			erasure = erasures.erase(tenantId, silentIds, "CAMPAIGN_DEADLINE", actor, dryRun);
			removed = erasure.contacts();
			if (!dryRun) {
				transactions.executeWithoutResult(s -> store.removed(tenantId, id, silent, now));
			}
		}
		else {
			suppressedCount = silent.size();
			if (!dryRun) {
				transactions.executeWithoutResult(s -> {
					for (String contact : silent) {
						suppress(tenantId, id, contact);
					}
				});
			}
		}
		Map<String, Long> counts = new java.util.HashMap<>();
		transactions.execute(s -> store.countRecipients(tenantId, id))
			.forEach((key, n) -> counts.merge(key.substring(key.indexOf('/') + 1), n, Long::sum));
		Closing closing = new Closing(id, dryRun, outcome, counts.getOrDefault("CONFIRMED", 0L),
				counts.getOrDefault("DECLINED", 0L), counts.getOrDefault("OPTED_OUT", 0L),
				dryRun ? bounced.size() : counts.getOrDefault("BOUNCED", 0L), silent.size(), removed, suppressedCount,
				cancelled, erasure);
		if (!dryRun) {
			audit.record(tenantId, actor, "CAMPAIGN_CLOSED", id, silent.size(),
					Map.of("outcome", outcome.name(), "noAnswer", silent.size(), "removed", removed, "suppressed",
							suppressedCount, "bounced", closing.bounced(), "confirmed", closing.confirmed(), "declined",
							closing.declined(), "optedOut", closing.optedOut(), "cancelledMessages", cancelled));
		}
		return closing;
	}

	/**
	 * Whether a recipient with messages in these states bounced: it had some, and none of them could
	 * leave or arrive (refused, undelivered, blocked, expired).
	 */
	static boolean bounced(List<MessageState> states) {
		return !states.isEmpty() && states.stream()
			.noneMatch(st -> st == MessageState.SENT || st == MessageState.DELIVERED || st == MessageState.UNCERTAIN
					|| st == MessageState.QUEUED || st == MessageState.HELD || st == MessageState.SUBMITTING);
	}

	/** Puts a silent recipient's phone and email on the suppression list (the SUPPRESS outcome). */
	private void suppress(TenantId tenantId, String campaignId, String contactId) {
		Contact contact = contacts.get(tenantId, new ContactId(contactId)).contact();
		Map<String, String> evidence = Map.of("campaignId", campaignId, "rule", "SEED-04");
		if (contact.phone() != null) {
			suppressions.addPhone(tenantId, contact.phone(), null, SuppressionReason.ADMIN, evidence);
		}
		if (contact.email() != null) {
			suppressions.addEmail(tenantId, contact.email(), null, SuppressionReason.ADMIN, evidence);
		}
	}

	/** Holds the campaign's queued messages; answers still count. */
	@Transactional
	public Campaign pause(TenantId tenantId, String id) {
		move(tenantId, id, Set.of(CampaignState.RUNNING), CampaignState.PAUSED);
		outbox.hold(tenantId, Origin.CAMPAIGN, id);
		return get(tenantId, id);
	}

	/** Lets the held messages go again. */
	@Transactional
	public Campaign resume(TenantId tenantId, String id) {
		move(tenantId, id, Set.of(CampaignState.PAUSED), CampaignState.RUNNING);
		outbox.release(tenantId, Origin.CAMPAIGN, id);
		return get(tenantId, id);
	}

	private void move(TenantId tenantId, String id, Set<CampaignState> from, CampaignState to) {
		Campaign campaign = get(tenantId, id);
		if (!store.transition(tenantId, id, from, to, clock.instant())) {
			throw new OptinelException(ProblemKind.CONFLICT, "campaign-state", "Campaign is " + campaign.state(),
					"a " + campaign.state() + " campaign cannot become " + to + "; it must be " + from);
		}
	}

	/** One contact's class for a campaign, the channel it would be asked on, and why not when it may not be. */
	record Classified(ContactProfile profile, AskClass askClass, Channel channel, String reason) {
	}

	/**
	 * Classifies the contacts of the campaign's lifecycles, a page at a time. With several lifecycles,
	 * the contacts are read once and kept by the lifecycle of their profile (the one the filtered
	 * list applies), rather than read once per lifecycle.
	 */
	void classify(Tenant tenant, CampaignDefinition d, Instant at, Consumer<List<Classified>> pages) {
		readAudience(tenant, d, items -> pages.accept(classifyPage(tenant, d, at, items)));
	}

	/**
	 * {@link #classify}, with the contacts read ahead on a second thread while this one classifies
	 * them, as a launch does; in the caller's transaction, everything on this thread.
	 */
	private void classifyReadingAhead(Tenant tenant, CampaignDefinition d, Instant at,
			Consumer<List<Classified>> pages) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			classify(tenant, d, at, pages);
			return;
		}
		BlockingQueue<List<ContactProfile>> read = new ArrayBlockingQueue<>(READ_AHEAD_PAGES);
		ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "campaign-preview");
			t.setDaemon(true);
			return t;
		});
		try {
			Future<?> reader = thread.submit(() -> {
				readAudience(tenant, d, items -> put(read, items));
				put(read, List.of());
				return null;
			});
			while (true) {
				List<ContactProfile> items = poll(read, reader);
				if (items.isEmpty()) {
					break;
				}
				pages.accept(classifyPage(tenant, d, at, items));
			}
			await(reader);
		}
		finally {
			thread.shutdownNow();
		}
	}

	/** The contacts of the campaign's lifecycles, a page at a time, in contact order. */
	private void readAudience(Tenant tenant, CampaignDefinition d, Consumer<List<ContactProfile>> pages) {
		Lifecycle lifecycle = d.lifecycles().size() == 1 ? d.lifecycles().get(0) : null;
		Set<Lifecycle> wanted = Set.copyOf(d.lifecycles());
		ContactId after = null;
		while (true) {
			ContactPage page = contacts.list(tenant.id(), new ContactQuery(lifecycle, null, null, null, after, PAGE));
			List<ContactProfile> items = lifecycle != null ? page.items()
					: page.items().stream().filter(p -> wanted.contains(p.lifecycle())).toList();
			if (!items.isEmpty()) {
				pages.accept(items);
			}
			if (page.next() == null) {
				break;
			}
			after = page.next();
		}
	}

	private List<Classified> classifyPage(Tenant tenant, CampaignDefinition d, Instant at, List<ContactProfile> page) {
		List<Subject> subjects = page.stream().map(p -> Subject.of(p.contact().id())).toList();
		// decisions[channel][purpose][i]
		Map<Channel, List<List<EligibilityAnswer>>> decisions = new EnumMap<>(Channel.class);
		for (Channel channel : d.plan().channels()) {
			List<List<EligibilityAnswer>> byPurpose = new ArrayList<>();
			for (String purpose : d.purposes()) {
				byPurpose.add(eligibility.decideAll(tenant.id(), subjects, channel, purpose, at));
			}
			decisions.put(channel, byPurpose);
		}
		Set<String> askedBefore = store.askedOnceWithoutBasis(tenant.id(),
				page.stream().map(p -> p.contact().id().value()).toList());
		List<Classified> out = new ArrayList<>(page.size());
		for (int i = 0; i < page.size(); i++) {
			out.add(classifyOne(tenant, d, at, page.get(i), decisions, i, askedBefore));
		}
		return out;
	}

	private Classified classifyOne(Tenant tenant, CampaignDefinition d, Instant at, ContactProfile p,
			Map<Channel, List<List<EligibilityAnswer>>> decisions, int i, Set<String> askedBefore) {
		String notAskable = null;
		Channel weak = null;
		Channel none = null;
		for (Channel channel : d.plan().channels()) {
			boolean suppressed = false;
			boolean saidNo = false;
			boolean noAddress = false;
			boolean allValid = true;
			boolean hasWeakBasis = false;
			for (List<EligibilityAnswer> byPurpose : decisions.get(channel)) {
				Decision decision = byPurpose.get(i).decision();
				if (decision instanceof Decision.Deny deny) {
					allValid = false;
					suppressed |= deny.reason() == DenyReason.SUPPRESSED;
					saidNo |= deny.reason() == DenyReason.WITHDRAWN;
					noAddress |= deny.reason() == DenyReason.NO_ADDRESS;
					hasWeakBasis |= deny.reason() == DenyReason.UNPROVEN;
				}
				else {
					boolean stale = decision.stale();
					allValid &= !stale && decision.basis() == Basis.CONSENT;
					hasWeakBasis |= stale || decision.basis() == Basis.SOFT_OPT_IN;
				}
			}
			String reason = suppressed ? "SUPPRESSED" : saidNo ? "WITHDRAWN" : noAddress ? "NO_ADDRESS"
					: allValid ? "ALREADY_CONSENTED" : null;
			if (reason != null) {
				// The strongest reason wins the report: a suppression over the rest (SEED-02).
				if (notAskable == null || "SUPPRESSED".equals(reason) || "NO_ADDRESS".equals(notAskable)) {
					notAskable = reason;
				}
				continue;
			}
			if (hasWeakBasis && weak == null) {
				weak = channel;
			}
			if (none == null) {
				none = channel;
			}
		}
		if (weak != null) {
			return new Classified(p, AskClass.MAY_ASK_HAS_BASIS, weak, null);
		}
		if (none == null) {
			return new Classified(p, AskClass.MAY_NOT_ASK, null, notAskable);
		}
		if (tenant.jurisdiction() != Jurisdiction.FR) {
			return new Classified(p, AskClass.MAY_NOT_ASK, null, "JURISDICTION_" + tenant.jurisdiction());
		}
		if (askedBefore.contains(p.contact().id().value())) {
			return new Classified(p, AskClass.MAY_NOT_ASK, null, "ALREADY_ASKED_ONCE");
		}
		if (!nearEndOfRetention(p, at)) {
			return new Classified(p, AskClass.MAY_NOT_ASK, null, "NO_BASIS_BEFORE_END_OF_RETENTION");
		}
		return new Classified(p, AskClass.MAY_ASK_ONCE_END_OF_RETENTION, none, null);
	}

	/** At or within three months of the end of the retention period, counted from the last act (FR-09). */
	static boolean nearEndOfRetention(ContactProfile p, Instant at) {
		Instant last = p.contact().createdAt();
		for (Instant act : new Instant[] { p.lastInboundAt(), p.lastPurchaseAt() }) {
			if (act != null && act.isAfter(last)) {
				last = act;
			}
		}
		Instant nearEnd = last.atZone(ZoneOffset.UTC).plusMonths(RETENTION_MONTHS - NEAR_END_MONTHS).toInstant();
		return !at.isBefore(nearEnd);
	}

	private NewMessage message(TenantId tenant, String campaignId, CampaignDefinition d, SenderProfile profile,
			Contact contact, Channel channel, String link, String step) {
		String language = languageOf(contact, d);
		String firstName = contact.firstName() == null ? "" : contact.firstName();
		String purpose = d.purposes().get(0);
		String dedupe = dedupeKey(campaignId, contact.id().value(), step);
		String template = channel == Channel.SMS ? d.sms().get(language)
				: d.email().get(language).text() + Objects.toString(d.email().get(language).html(), "");
		String preferences = template.contains(PREFERENCES)
				? preferenceLinks.until(tenant, contact.id(), d.deadline()).toString() : "";
		if (channel == Channel.SMS) {
			PreparedSms sms = SmsContent.prepare(profile,
					fill(d.sms().get(language), firstName, link, d.yesWords().get(0), preferences), true);
			return new NewMessage(tenant, Channel.SMS, contact.phone().e164(), contact.id().value(), purpose, true,
					Origin.CAMPAIGN, campaignId, dedupe, profile.smsSenderId().value(), null, null, sms.text(), null,
					null, d.deadline(), true);
		}
		CampaignDefinition.EmailTemplate t = d.email().get(language);
		PreparedEmail email = EmailContent.prepare(profile, fill(t.subject(), firstName, link, "", ""), true);
		return new NewMessage(tenant, Channel.EMAIL, contact.email().value(), contact.id().value(), purpose, true,
				Origin.CAMPAIGN, campaignId, dedupe, email.from().value(), email.fromName(), email.subject(),
				fill(t.text(), firstName, link, "", preferences),
				t.html() == null ? null : fill(t.html(), firstName, link, "", preferences), null,
				d.deadline(), true);
	}

	/** The outbox dedupe key of a campaign's message to a contact: step 1 is the first ask. */
	static String dedupeKey(String campaignId, String contactId, Object step) {
		return "campaign:" + campaignId + ":" + contactId + ":" + step;
	}

	/** Fills a template's fields: {@code {firstName}}, {@code {link}}, {@code {yes}} and {@code {preferences}}. */
	static String fill(String template, String firstName, String link, String yes, String preferences) {
		return template.replace("{firstName}", firstName)
			.replace("{link}", link)
			.replace("{yes}", yes)
			.replace(PREFERENCES, preferences)
			.strip();
	}

	/** A preference-centre link as long as a real one, to size SMS templates. */
	private String sampleLink() {
		return linkBase() + "/p/" + "x".repeat(PreferenceLinks.TOKEN_LENGTH);
	}

	/** The contact's language when the campaign speaks it, else the campaign's first (French first). */
	static String languageOf(Contact contact, CampaignDefinition d) {
		if (contact.locale() != null) {
			String locale = contact.locale().toLowerCase(Locale.ROOT);
			int end = 0;
			while (end < locale.length() && locale.charAt(end) != '-' && locale.charAt(end) != '_') {
				end++;
			}
			String language = locale.substring(0, end);
			if (d.questions().containsKey(language)) {
				return language;
			}
		}
		return defaultLanguage(d);
	}

	static String defaultLanguage(CampaignDefinition d) {
		return d.questions().containsKey("fr") ? "fr" : d.questions().keySet().iterator().next();
	}

	private String linkBase() {
		URI base = messaging.publicBaseUrl();
		if (base != null) {
			return base.toString().replaceAll("/+$", "");
		}
		return "http://localhost:" + environment.getProperty("local.server.port",
				environment.getProperty("server.port", "8080"));
	}

	/** The definition with its defaults, or every field to fix. */
	private CampaignDefinition checked(TenantId tenantId, CampaignDefinition r) {
		if (r == null) {
			throw new InvalidInputException("body", "send a JSON object with name, purposes, plan, questions, the "
					+ "templates and deadline");
		}
		List<FieldViolation> wrong = new ArrayList<>();
		if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
			wrong.add(new FieldViolation("name", "is required, at most 200 characters"));
		}
		Map<String, Purpose> known = new LinkedHashMap<>();
		purposes.purposes(tenantId).forEach(p -> known.put(p.key(), p));
		if (r.purposes() == null || r.purposes().isEmpty()) {
			wrong.add(new FieldViolation("purposes", "name at least one purpose to ask consent for"));
		}
		else {
			for (String key : r.purposes()) {
				Purpose p = known.get(key);
				if (p == null) {
					wrong.add(new FieldViolation("purposes", "'" + key + "' is not one of the tenant's purposes"));
				}
				else if (p.kind() != PurposeKind.MARKETING) {
					wrong.add(new FieldViolation("purposes", "'" + key + "' is TRANSACTIONAL: it needs no consent to "
							+ "ask for"));
				}
			}
		}
		if (r.plan() == null) {
			wrong.add(new FieldViolation("plan", "is required: EMAIL, SMS or EMAIL_THEN_SMS"));
		}
		Integer smsAfter = r.smsAfterDays() == null ? 7 : r.smsAfterDays();
		if (smsAfter < 1) {
			wrong.add(new FieldViolation("smsAfterDays", "must be at least 1"));
		}
		if (r.questions() == null || r.questions().isEmpty()) {
			wrong.add(new FieldViolation("questions", "give the question per language, e.g. {\"fr\": \"...\"}: it is "
					+ "the notice people answer (GDPR-02)"));
		}
		else {
			r.questions().forEach((language, text) -> {
				if (language == null || !language.matches("[a-z]{2}")) {
					wrong.add(new FieldViolation("questions", "languages are two lower-case letters, not " + language));
				}
				if (text == null || text.isBlank()) {
					wrong.add(new FieldViolation("questions." + language, "is empty"));
				}
			});
		}
		List<String> yes = r.yesWords() == null || r.yesWords().isEmpty() ? DEFAULT_YES
				: r.yesWords().stream().map(w -> w == null ? "" : w.strip().toUpperCase(Locale.ROOT)).toList();
		if (yes.stream().anyMatch(w -> w.isEmpty() || w.contains("STOP"))) {
			wrong.add(new FieldViolation("yesWords", "words must not be empty and must not hold STOP (KW-01)"));
		}
		List<String> no = r.noWords() == null || r.noWords().isEmpty() ? DEFAULT_NO
				: r.noWords().stream().map(w -> w == null ? "" : w.strip().toUpperCase(Locale.ROOT)).toList();
		if (no.stream().anyMatch(w -> w.isEmpty() || w.contains("STOP"))) {
			wrong.add(new FieldViolation("noWords", "words must not be empty and must not hold STOP: STOP is an opt-out, "
					+ "not an answer (KW-01)"));
		}
		else if (no.stream().anyMatch(yes::contains)) {
			wrong.add(new FieldViolation("noWords", "must not share a word with yesWords"));
		}
		Instant now = clock.instant();
		if (r.deadline() == null || !r.deadline().isAfter(now)) {
			wrong.add(new FieldViolation("deadline", "is required and must lie in the future"));
		}
		List<Integer> reminders = r.remindersDaysBefore() == null ? List.of() : r.remindersDaysBefore();
		for (Integer days : reminders) {
			if (days == null || days < 1 || (r.deadline() != null
					&& !r.deadline().minus(Duration.ofDays(days)).isAfter(now))) {
				wrong.add(new FieldViolation("remindersDaysBefore", "each is a number of days (at least 1) before the "
						+ "deadline that lies in the future; " + days + " does not"));
			}
		}
		List<Lifecycle> lifecycles = r.lifecycles() == null || r.lifecycles().isEmpty()
				? List.of(Lifecycle.PROSPECT, Lifecycle.EX_CLIENT) : r.lifecycles();
		if (r.plan() != null && r.questions() != null && !r.questions().isEmpty()) {
			SenderProfile profile = senders.profile(tenantId);
			for (String language : r.questions().keySet()) {
				if (r.plan().channels().contains(Channel.SMS)) {
					String t = r.sms() == null ? null : r.sms().get(language);
					if (t == null || t.isBlank()) {
						wrong.add(new FieldViolation("sms." + language, "the SMS template for this language is missing"));
					}
					else if (!t.contains("{yes}") && !t.contains("{link}") && !t.contains(PREFERENCES)) {
						wrong.add(new FieldViolation("sms." + language, "must tell how to answer: put {yes} (the word "
								+ "to reply), {link} or {preferences} (the preference centre) in it (SEED-03)"));
					}
					else {
						try {
							SmsContent.prepare(profile, fill(t, "Camille", "https://x.example/c/" + "x".repeat(RecipientTokens.LENGTH),
									yes.get(0), sampleLink()), true);
						}
						catch (InvalidInputException e) {
							e.violations()
								.forEach(v -> wrong.add(new FieldViolation(
										"text".equals(v.field()) ? "sms." + language : v.field(), v.message())));
						}
					}
				}
				if (r.plan().channels().contains(Channel.EMAIL)) {
					CampaignDefinition.EmailTemplate t = r.email() == null ? null : r.email().get(language);
					if (t == null || t.text() == null || t.text().isBlank()) {
						wrong.add(new FieldViolation("email." + language, "the email template for this language is "
								+ "missing"));
					}
					else if (!t.text().contains("{link}") && !t.text().contains(PREFERENCES)) {
						wrong.add(new FieldViolation("email." + language + ".text", "must hold {link} (the confirmation "
								+ "link) or {preferences} (the preference centre) (SEED-03)"));
					}
					else {
						try {
							EmailContent.prepare(profile, t.subject(), true);
						}
						catch (InvalidInputException e) {
							e.violations()
								.forEach(v -> wrong.add(new FieldViolation(
										"subject".equals(v.field()) ? "email." + language + ".subject" : v.field(),
										v.message())));
						}
					}
				}
			}
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return new CampaignDefinition(r.name().strip(), List.copyOf(r.purposes()), r.plan(), smsAfter,
				Map.copyOf(r.questions()), r.sms() == null ? Map.of() : Map.copyOf(r.sms()),
				r.email() == null ? Map.of() : Map.copyOf(r.email()), yes, no, r.deadline(), List.copyOf(reminders),
				r.outcome() == null ? DeadlineOutcome.DELETE : r.outcome(), List.copyOf(lifecycles), null);
	}
}
