package org.optinel.consent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactNormalisation;
import org.optinel.core.Channel;
import org.optinel.core.Database;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records consent answers in the ledger, keeps the consent states, and checks both.
 *
 * <p>Every answer is judged before anything is written: a grant must be an affirmative act
 * (GDPR-01), separate from the terms (GDPR-03), for one channel and one purpose (GDPR-04), with
 * the notice shown and the evidence its source requires (GDPR-02). A withdrawal or refusal needs
 * only the contact, channel, purpose and source (GDPR-05). An imported grant without its original
 * proof is recorded as {@link ConsentStatus#UNPROVEN} (EDPB-01). Then, in one transaction, the
 * event is chained to the tenant's ledger under the head lock, the state is projected and
 * {@link ConsentGiven} or {@link ConsentWithdrawn} is published. A proven grant on a double opt-in
 * channel of its purpose is chained as pending instead, with a confirmation issued in the same
 * transaction, and nothing is published until it is confirmed ({@link DoubleOptInManagement}).
 */
@Service
public class ConsentManagement {

	/** Answers in one call of {@link #recordAll} at most. */
	public static final int MAX_BATCH = 10_000;

	/** Evidence documents are written by this mapper alone, so their bytes never depend on application settings. */
	private static final JsonMapper CANONICAL_JSON = JsonMapper.builder().build();

	private final ConsentLedger ledger;

	private final ContactManagement contacts;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final Ids ids;

	private final Clock clock;

	private final ConsentProperties properties;

	private final DoubleOptInManagement doubleOptIn;

	private final KnownPurposes known;

	private final ContactNormalisation normalisation;

	private final TransactionTemplate writer;

	private final Database database;

	/** The SQLite page cache of a batch's connection (see {@link Database#withPageCache}). */
	static final int BULK_CACHE_KIB = 64 * 1024;

	/**
	 * From this many answers a batch is judged on every core, and its hash chain is computed on
	 * another thread while its projection is written: below, handing work over costs more than it saves.
	 */
	static final int PARALLEL_FROM = 256;

	private final SecureRandom random = new SecureRandom();

	ConsentManagement(ConsentLedger ledger, KnownPurposes known, ContactManagement contacts,
			ContactNormalisation normalisation, TenantManagement tenants, ApplicationEventPublisher events, Ids ids,
			Clock clock, ConsentProperties properties, DoubleOptInManagement doubleOptIn,
			PlatformTransactionManager transactions, Database database) {
		this.ledger = ledger;
		this.database = database;
		this.known = known;
		this.normalisation = normalisation;
		this.writer = new TransactionTemplate(transactions);
		this.contacts = contacts;
		this.tenants = tenants;
		this.events = events;
		this.ids = ids;
		this.clock = clock;
		this.properties = properties;
		this.doubleOptIn = doubleOptIn;
	}

	/**
	 * Judges and records one answer.
	 * @throws ConsentRefusedException when a consent rule forbids it (422, the rule id as problem type)
	 * @throws InvalidInputException for missing or unknown fields, purposes and notices (422)
	 * @throws NotFoundException when {@code contactId} names no contact of the tenant (404)
	 */
	@Transactional
	public RecordedConsent record(TenantId tenantId, ConsentCapture capture) {
		return append(List.of(prepare(tenantId, capture))).get(0);
	}

	/**
	 * Judges and records answers of one tenant, all or none, in one transaction: every answer is
	 * judged first, and if any cannot be recorded nothing is written. An imported grant without its
	 * proof is recorded as {@link ConsentStatus#UNPROVEN} (EDPB-01), as a single answer would be.
	 * @throws InvalidBatchException naming each answer that a rule refuses, that has an invalid
	 *         field or that names no contact of the tenant, by its index
	 * @throws InvalidInputException when there are no answers or more than {@link #MAX_BATCH}
	 */
	public List<RecordedConsent> recordAll(TenantId tenantId, List<ConsentCapture> captures) {
		if (captures == null || captures.isEmpty() || captures.size() > MAX_BATCH) {
			throw new InvalidInputException("events", "must hold 1 to " + MAX_BATCH + " answers; it holds "
					+ (captures == null ? 0 : captures.size()) + ". Split a larger batch.");
		}
		tenants.require(tenantId);
		// Each answer is judged on its own, without the database: a large batch is judged on every core.
		Instant now = now();
		PreparedConsent[] judged = new PreparedConsent[captures.size()];
		OptinelException[] refusals = new OptinelException[captures.size()];
		IntStream answers = IntStream.range(0, captures.size());
		(captures.size() >= PARALLEL_FROM ? answers.parallel() : answers).forEach(i -> {
			try {
				judged[i] = prepare(tenantId, captures.get(i), now);
			}
			catch (OptinelException refused) {
				refusals[i] = refused;
			}
		});
		List<PreparedConsent> prepared = new ArrayList<>(captures.size());
		Map<Integer, ContactId> named = new LinkedHashMap<>();
		List<InvalidBatchException.ItemError> errors = new ArrayList<>();
		for (int i = 0; i < captures.size(); i++) {
			if (refusals[i] != null) {
				errors.addAll(itemErrors(i, refusals[i]));
			}
			else {
				prepared.add(judged[i]);
				if (judged[i].contact != null) {
					named.put(i, judged[i].contact);
				}
			}
		}
		if (!errors.isEmpty()) {
			// Unknown contacts are named too, so that the caller learns of every bad answer at once. Without
			// other errors the append finds them all, under its lock; checking here as well cost a query.
			Set<ContactId> existing = contacts.existing(tenantId, named.values());
			named.forEach((i, contact) -> {
				if (!existing.contains(contact)) {
					errors.add(new InvalidBatchException.ItemError(i, "contactId",
							new NotFoundException("contact", contact.value()).detail(), null));
				}
			});
			errors.sort(java.util.Comparator.comparingInt(InvalidBatchException.ItemError::index));
			throw new InvalidBatchException(errors);
		}
		// One batch changes pages all over the ledger's and the projection's indexes: a larger page
		// cache keeps them in memory until the commit, and the checkpoint runs after, in the background.
		return database.withPageCache(BULK_CACHE_KIB, () -> writer.execute(status -> append(prepared, true)));
	}

	/**
	 * Judges one answer and resolves what it names, without writing anything and without a lock: the
	 * part of {@link #record} that can run before, and beside, other appends.
	 * @throws ConsentRefusedException when a consent rule forbids it (422, the rule id as problem type)
	 * @throws InvalidInputException for missing or unknown fields, purposes and notices (422)
	 * @throws NotFoundException when {@code contactId} cannot name a contact (404)
	 */
	public PreparedConsent prepare(TenantId tenantId, ConsentCapture capture) {
		return prepare(tenantId, capture, now());
	}

	/**
	 * {@link #prepare(TenantId, ConsentCapture)} at {@code now}, the time of an answer that does not
	 * say when it was given. A batch judges all its answers at one instant: they may be judged on
	 * several threads at once, and a later answer must not seem to come before an earlier one.
	 */
	private PreparedConsent prepare(TenantId tenantId, ConsentCapture capture, Instant now) {
		Tenant tenant = tenants.require(tenantId);
		requireFields(capture);
		ConsentAction action = capture.action();
		if (capture.channels().size() > 1 || capture.purposes().size() > 1) {
			if (action == ConsentAction.GRANT) {
				throw new ConsentRefusedException("GDPR-04", "consent is given per channel and per purpose; this answer "
						+ "bundles " + capture.channels() + " and " + capture.purposes()
						+ ". Ask one question per channel and purpose and record one event for each answer.");
			}
			throw new InvalidInputException(capture.channels().size() > 1 ? "channels" : "purposes",
					"one event names one channel and one purpose; send one request for each");
		}
		Channel channel = capture.channels().get(0);
		String purposeKey = capture.purposes().get(0).strip();
		Evidence evidence = Evidence.of(capture.source(), capture.evidence());
		Instant occurredAt = capture.occurredAt() == null ? now : capture.occurredAt().truncatedTo(ChronoUnit.MILLIS);
		if (occurredAt.isAfter(now.plus(properties.maxClockSkew()))) {
			throw new InvalidInputException("occurredAt", "lies in the future (" + occurredAt + "); record an answer once it was given");
		}
		if (!known.exists(tenantId, purposeKey)) {
			throw new InvalidInputException(List.of(PurposeManagement.unknownPurpose(purposeKey)));
		}
		Notice notice = notice(tenantId, capture.noticeId(), purposeKey);
		boolean proven = action != ConsentAction.GRANT || judgeGrant(evidence, notice);
		ContactId contact = null;
		if (!blank(capture.contactId())) {
			contact = ContactId.parse(capture.contactId().strip())
				.orElseThrow(() -> new NotFoundException("contact", capture.contactId()));
		}
		else {
			// Only checked here, so that a malformed phone or email is refused before the append.
			List<FieldViolation> violations = new ArrayList<>();
			normalisation.phone(capture.phone(), tenant.defaultRegion(), "phone", violations);
			normalisation.email(capture.email(), "email", violations);
			if (!violations.isEmpty()) {
				throw new InvalidInputException(violations);
			}
		}
		return new PreparedConsent(tenantId, contact, capture.phone(), capture.email(), channel, purposeKey, action,
				capture.source(), notice, proven, occurredAt, evidenceDocument(evidence));
	}

	/**
	 * Appends prepared answers, in order, in the caller's transaction: per tenant, one head lock,
	 * one query for the named contacts' states (with each key's last event, to which the next event
	 * links), one for those of them without states, and batched inserts for the projection, the
	 * events and their evidence; a large batch's hash chain is computed on another thread while its
	 * projection is written. Each answer gets the state that holds right after it.
	 * @throws NotFoundException when a {@code contactId} names no contact of the tenant (404);
	 *         nothing of the call is then written, the caller's transaction decides about the rest
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<RecordedConsent> append(List<PreparedConsent> prepared) {
		return append(prepared, false);
	}

	private List<RecordedConsent> append(List<PreparedConsent> prepared, boolean batch) {
		RecordedConsent[] recorded = new RecordedConsent[prepared.size()];
		Map<TenantId, List<Integer>> byTenant = new LinkedHashMap<>();
		for (int i = 0; i < prepared.size(); i++) {
			byTenant.computeIfAbsent(prepared.get(i).tenant, t -> new ArrayList<>()).add(i);
		}
		Instant now = now();
		byTenant.forEach((tenantId, indexes) -> appendForTenant(tenantId, prepared, indexes, now, batch, recorded));
		// Published once everything is written, so that a failure of a later tenant publishes nothing.
		for (RecordedConsent r : recorded) {
			if (!r.event().pending()) {
				publish(r.event());
			}
		}
		return Arrays.asList(recorded);
	}

	private void appendForTenant(TenantId tenantId, List<PreparedConsent> all, List<Integer> indexes, Instant now,
			boolean batch, RecordedConsent[] recorded) {
		Tenant tenant = tenants.require(tenantId);
		// Every writer takes the head lock first, so confirmations and appends never deadlock.
		ConsentLedger.Head head = ledger.lockHead(tenantId);
		Set<ContactId> named = new HashSet<>();
		indexes.stream().map(i -> all.get(i).contact).filter(java.util.Objects::nonNull).forEach(named::add);
		// The stored projections: the states the events fold into, and each key's last event, which the next links to.
		Map<ConsentState.Key, ConsentState> states = new HashMap<>();
		Map<ConsentState.Key, Long> lastOfKey = new HashMap<>();
		Set<ContactId> existing = readProjections(tenantId, named, states, lastOfKey);
		// A contact with consent states is in the base: its erasure deletes them in its own transaction, under the
		// head lock this one now holds. Only the others are looked up.
		Set<ContactId> unread = new HashSet<>(named);
		unread.removeAll(existing);
		if (!unread.isEmpty()) {
			existing.addAll(contacts.existing(tenantId, unread));
		}
		List<InvalidBatchException.ItemError> errors = new ArrayList<>();
		for (int i : indexes) {
			ContactId contact = all.get(i).contact;
			if (contact != null && !existing.contains(contact)) {
				NotFoundException unknown = new NotFoundException("contact", contact.value());
				if (!batch) {
					throw unknown;
				}
				errors.add(new InvalidBatchException.ItemError(i, "contactId", unknown.detail(), null));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidBatchException(errors);
		}
		List<ContactManagement.Identified> persons = new ArrayList<>(indexes.size());
		for (int i : indexes) {
			PreparedConsent p = all.get(i);
			try {
				persons.add(p.contact != null ? new ContactManagement.Identified(p.contact, false)
						: contacts.identify(tenantId, p.phone, p.email));
			}
			catch (OptinelException refused) {
				if (!batch) {
					throw refused;
				}
				errors.addAll(itemErrors(i, refused));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidBatchException(errors);
		}
		Set<ContactId> identified = persons.stream()
			.map(ContactManagement.Identified::id)
			.filter(id -> !named.contains(id))
			.collect(Collectors.toSet());
		if (!identified.isEmpty()) {
			readProjections(tenantId, identified, states, lastOfKey);
		}
		Map<String, Set<Channel>> doubleOptInChannels = new HashMap<>();
		List<ConsentEvent> unsealed = new ArrayList<>(indexes.size());
		List<Long> previousOfKey = new ArrayList<>(indexes.size());
		Set<ConsentState.Key> touched = new LinkedHashSet<>();
		List<ConsentState> after = new ArrayList<>(indexes.size());
		for (int n = 0; n < indexes.size(); n++) {
			PreparedConsent p = all.get(indexes.get(n));
			boolean pending = p.proven && p.action == ConsentAction.GRANT && DoubleOptInManagement.applies(
					doubleOptInChannels.computeIfAbsent(p.purpose, purpose -> doubleOptIn.channels(tenantId, purpose)),
					p.channel, p.source);
			// Chained below: the hashes are not needed to fold the states.
			ConsentEvent event = new ConsentEvent(tenantId, head.seq() + 1 + n, ids.next(), persons.get(n).id(), p.channel,
					p.purpose, p.action, p.source, p.notice == null ? null : p.notice.id(),
					p.notice == null ? null : p.notice.sha256(), p.proven, p.occurredAt, now, p.evidenceSha256,
					ConsentChain.GENESIS, ConsentChain.GENESIS, pending, null);
			ConsentState state = ConsentState.of(event);
			if (state.replaces(states.get(state.key()))) {
				states.put(state.key(), state);
			}
			unsealed.add(event);
			previousOfKey.add(lastOfKey.put(state.key(), event.seq()));
			touched.add(state.key());
			after.add(states.get(state.key()));
		}
		// The chain is computed one event after another; for a large batch, on another core while the
		// projection is written.
		CompletableFuture<List<ConsentEvent>> chaining = unsealed.size() >= PARALLEL_FROM
				? CompletableFuture.supplyAsync(() -> ConsentEvent.chained(unsealed, head.hash()), ForkJoinPool.commonPool())
				: CompletableFuture.completedFuture(ConsentEvent.chained(unsealed, head.hash()));
		// Each key once, with its last event: the state changes only if an event replaced it.
		ledger.projectAll(tenantId,
				touched.stream().map(key -> new ConsentLedger.Projection(states.get(key), lastOfKey.get(key))).toList());
		List<ConsentEvent> events = chained(chaining);
		List<ConsentLedger.NewEvent> appended = new ArrayList<>(events.size());
		for (int n = 0; n < events.size(); n++) {
			appended.add(new ConsentLedger.NewEvent(events.get(n), all.get(indexes.get(n)).evidence, previousOfKey.get(n)));
		}
		ledger.appendAll(appended);

		Instant cutoff = refreshCutoff(tenant, now);
		for (int n = 0; n < events.size(); n++) {
			ConsentEvent event = events.get(n);
			IssuedConfirmation confirmation = event.pending() ? doubleOptIn.issue(event, now) : null;
			recorded[indexes.get(n)] = new RecordedConsent(event, after.get(n).judgedAgainst(cutoff),
					persons.get(n).created(), confirmation);
		}
	}

	private static List<ConsentEvent> chained(CompletableFuture<List<ConsentEvent>> chaining) {
		try {
			return chaining.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}

	/**
	 * Reads the stored projections of {@code contacts} into {@code states} and {@code lastOfKey},
	 * and answers the contacts that have some.
	 */
	private Set<ContactId> readProjections(TenantId tenantId, Set<ContactId> contacts,
			Map<ConsentState.Key, ConsentState> states, Map<ConsentState.Key, Long> lastOfKey) {
		Set<ContactId> found = new HashSet<>();
		if (contacts.isEmpty()) {
			return found;
		}
		for (ConsentLedger.Projection p : ledger.projections(tenantId, contacts)) {
			states.put(p.state().key(), p.state());
			lastOfKey.put(p.state().key(), p.lastSeq());
			found.add(p.state().contact());
		}
		return found;
	}

	/** What makes answer {@code index} of a batch unrecordable, as errors of the batch. */
	private static List<InvalidBatchException.ItemError> itemErrors(int index, OptinelException refused) {
		List<InvalidBatchException.ItemError> errors = new ArrayList<>();
		String rule = refused instanceof ConsentRefusedException ? (String) refused.properties().get("rule") : null;
		Object fields = refused instanceof InvalidInputException invalid ? invalid.violations()
				: refused.properties().get("errors");
		if (fields instanceof List<?> list && !list.isEmpty()) {
			for (Object item : list) {
				if (item instanceof FieldViolation v) {
					errors.add(new InvalidBatchException.ItemError(index, v.field(), rule == null ? v.message()
							: refused.detail() + " (" + v.field() + " " + v.message() + ")", rule));
				}
			}
		}
		if (errors.isEmpty()) {
			String field = refused instanceof NotFoundException ? "contactId" : null;
			errors.add(new InvalidBatchException.ItemError(index, field, refused.detail(), rule));
		}
		return errors;
	}

	/** The consent states of a contact, stale grants flagged (EDPB-02). */
	@Transactional(readOnly = true)
	public List<ConsentState> states(TenantId tenantId, ContactId contact) {
		return states(tenantId, List.of(contact));
	}

	/** The consent states of some contacts, by contact, channel and purpose; stale grants flagged (EDPB-02). */
	@Transactional(readOnly = true)
	public List<ConsentState> states(TenantId tenantId, java.util.Collection<ContactId> contacts) {
		if (contacts.isEmpty()) {
			return List.of();
		}
		Tenant tenant = tenants.require(tenantId);
		Instant cutoff = refreshCutoff(tenant, now());
		return ledger.states(tenantId, contacts).stream().map(s -> s.judgedAgainst(cutoff)).toList();
	}

	/**
	 * Recomputes the tenant's chain from the stored events and reports the first event that does
	 * not hold: a gap in the sequence, a link to the wrong previous hash, content that no longer
	 * matches its hash, evidence that no longer matches its commitment, or events missing at the end.
	 * Then checks the links through which a contact's events are found (see
	 * {@link ConsentLedger#firstBrokenLink}): the first event whose link does not hold is reported.
	 */
	@Transactional(readOnly = true)
	public LedgerVerification verify(TenantId tenantId) {
		tenants.require(tenantId);
		ChainCheck check = new ChainCheck();
		ledger.forEachEntry(tenantId, check::accept);
		if (check.broken != null) {
			return check.broken;
		}
		ConsentLedger.Head head = ledger.head(tenantId);
		if (head.seq() != check.last.seq() || !head.hash().equals(check.last.hash())) {
			return LedgerVerification.brokenAt(check.last.seq() + 1, check.checked,
					"the ledger head says the chain ends at seq " + head.seq() + " but the events end at seq " + check.last.seq());
		}
		return ledger.firstBrokenLink(tenantId)
			.map(broken -> LedgerVerification.brokenAt(broken.seq(), check.checked, broken.reason()))
			.orElseGet(() -> LedgerVerification.intact(check.checked));
	}

	/**
	 * Recomputes every consent state of the tenant from the ledger, with the last event of its
	 * contact, channel and purpose, corrects the stored ones, and reports each that differed. Erased
	 * contacts have no states. Holds the head lock, so no answer is recorded meanwhile.
	 */
	@Transactional
	public ProjectionRebuild rebuild(TenantId tenantId) {
		tenants.require(tenantId);
		ledger.lockHead(tenantId);
		Map<ConsentState.Key, ConsentState> folded = new LinkedHashMap<>();
		Map<ConsentState.Key, Long> lastOfKey = new HashMap<>();
		long[] events = { 0 };
		ledger.forEachEntry(tenantId, entry -> {
			events[0]++;
			if (entry.event() == null) {
				throw new IllegalStateException("Event seq " + entry.seq() + " cannot be read; run verify-ledger first");
			}
			ConsentState state = ConsentState.of(entry.event());
			if (state.replaces(folded.get(state.key()))) {
				folded.put(state.key(), state);
			}
			lastOfKey.put(state.key(), entry.seq());
		});
		Map<ConsentState.Key, ConsentLedger.Projection> expected = new LinkedHashMap<>();
		folded.forEach((key, state) -> expected.put(key, new ConsentLedger.Projection(state, lastOfKey.get(key))));
		// An erased contact keeps its events in the chain, not its states (GDPR-10): only contacts in the base have some.
		Set<ContactId> inBase = contacts.existing(tenantId,
				expected.keySet().stream().map(ConsentState.Key::contact).collect(Collectors.toSet()));
		expected.keySet().removeIf(key -> !inBase.contains(key.contact()));
		Map<ConsentState.Key, ConsentLedger.Projection> found = new LinkedHashMap<>();
		ledger.projections(tenantId).forEach(p -> found.put(p.state().key(), p));
		Set<ConsentState.Key> keys = new LinkedHashSet<>(expected.keySet());
		keys.addAll(found.keySet());
		List<ProjectionRebuild.Difference> differences = new ArrayList<>();
		for (ConsentState.Key key : keys) {
			ConsentLedger.Projection want = expected.get(key);
			ConsentLedger.Projection have = found.get(key);
			if (want == null || !want.equals(have)) {
				differences.add(new ProjectionRebuild.Difference(key.contact().value(), key.channel(), key.purpose(),
						want == null ? null : want.state().status(), have == null ? null : have.state().status(),
						want == null ? null : want.state().seq(), have == null ? null : have.state().seq(),
						want == null ? null : want.lastSeq(), have == null ? null : have.lastSeq()));
			}
		}
		if (!differences.isEmpty()) {
			ledger.replaceProjections(tenantId, expected.values());
		}
		return new ProjectionRebuild(events[0], expected.size(), differences);
	}

	private void requireFields(ConsentCapture capture) {
		List<FieldViolation> missing = new ArrayList<>();
		if (capture.action() == null) {
			missing.add(new FieldViolation("action", "is required: GRANT, WITHDRAW or DENY"));
		}
		if (capture.source() == null) {
			missing.add(new FieldViolation("source", "is required: one of " + java.util.Arrays.toString(ConsentSource.values())));
		}
		if (capture.channels().isEmpty()) {
			missing.add(new FieldViolation("channel", "is required: SMS or EMAIL"));
		}
		if (capture.purposes().isEmpty() || capture.purposes().stream().anyMatch(p -> p == null || p.isBlank())) {
			missing.add(new FieldViolation("purpose", "is required: the key of a declared purpose"));
		}
		if (blank(capture.contactId()) && blank(capture.phone()) && blank(capture.email())) {
			missing.add(new FieldViolation("contactId", "name the person by contactId, or by phone and/or email"));
		}
		if (!missing.isEmpty()) {
			throw new InvalidInputException(missing);
		}
	}

	private Notice notice(TenantId tenant, String noticeId, String purposeKey) {
		if (blank(noticeId)) {
			return null;
		}
		// Another tenant's notice reads exactly like one that does not exist.
		Notice notice = known.notice(tenant, noticeId.strip())
			.orElseThrow(() -> new InvalidInputException("noticeId", "'" + noticeId + "' is not a notice of this tenant"));
		if (!notice.purpose().equals(purposeKey)) {
			throw new InvalidInputException("noticeId", "notice " + notice.id() + " is the notice of purpose '"
					+ notice.purpose() + "', not of '" + purposeKey + "'");
		}
		return notice;
	}

	/** Applies the rules of a grant; answers whether the grant is proven. */
	private static boolean judgeGrant(Evidence evidence, Notice notice) {
		EvidenceFields.Checkbox checkbox = evidence.checkbox();
		if (checkbox != null && Boolean.TRUE.equals(checkbox.prechecked())) {
			throw new ConsentRefusedException("GDPR-01", "the consent checkbox was pre-ticked; consent needs a clear "
					+ "affirmative act, such as ticking an unticked box. Nothing was recorded.");
		}
		if (checkbox != null && Boolean.FALSE.equals(checkbox.separateFromTerms())) {
			throw new ConsentRefusedException("GDPR-03", "the consent was collected together with the acceptance of the "
					+ "terms; ask for marketing consent separately. Nothing was recorded.");
		}
		List<FieldViolation> missing = new ArrayList<>(evidence.missingForGrant());
		if (evidence.source() == ConsentSource.IMPORT) {
			if (!missing.isEmpty()) {
				throw refusedForProof(missing);
			}
			// EDPB-01: an imported consent without its notice or original proof is kept, never a basis.
			return notice != null && evidence.proves();
		}
		if (notice == null) {
			missing.add(0, new FieldViolation("noticeId", "is required for a grant: the notice that was shown"));
		}
		if (!missing.isEmpty()) {
			throw refusedForProof(missing);
		}
		return true;
	}

	private static ConsentRefusedException refusedForProof(List<FieldViolation> missing) {
		ConsentRefusedException refused = new ConsentRefusedException("GDPR-02", "a grant must be provable; missing "
				+ String.join(", ", missing.stream().map(FieldViolation::field).toList()) + ". Nothing was recorded.");
		refused.with("errors", missing);
		return refused;
	}

	private String evidenceDocument(Evidence evidence) {
		Map<String, Object> fields = evidence.document();
		if (fields.isEmpty()) {
			return null;
		}
		// The salt keeps the commitment from revealing low-entropy evidence (an IP) once the document is erased.
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		Map<String, Object> document = new TreeMap<>(fields);
		document.put("salt", HexFormat.of().formatHex(salt));
		document.put("source", evidence.source().name());
		return CANONICAL_JSON.writeValueAsString(document);
	}

	private void publish(ConsentEvent e) {
		if (e.action() == ConsentAction.GRANT) {
			events.publishEvent(new ConsentGiven(e.tenant(), e.id(), e.seq(), e.contact(), e.channel(), e.purpose(),
					e.proven(), e.occurredAt()));
		}
		else {
			events.publishEvent(new ConsentWithdrawn(e.tenant(), e.id(), e.seq(), e.contact(), e.channel(), e.purpose(),
					e.action(), e.occurredAt()));
		}
	}

	private Instant refreshCutoff(Tenant tenant, Instant now) {
		return now.atZone(tenant.timeZone()).minus(properties.refreshPeriod()).toInstant();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** Walks the chain in order and keeps the first break. */
	private static final class ChainCheck {

		ConsentLedger.Head last = ConsentLedger.Head.EMPTY;

		long checked;

		LedgerVerification broken;

		void accept(ConsentLedger.Entry entry) {
			if (broken != null) {
				return;
			}
			long expected = last.seq() + 1;
			ConsentEvent e = entry.event();
			String reason = null;
			if (entry.seq() != expected) {
				broken = LedgerVerification.brokenAt(expected, checked, "event seq " + expected + " is missing (next is "
						+ entry.seq() + ")");
				return;
			}
			if (e == null) {
				reason = "the stored row cannot be read as an event";
			}
			else if (!e.previousHash().equals(last.hash())) {
				reason = "it does not link to the hash of event seq " + last.seq();
			}
			else if (!ConsentChain.hash(e).equals(e.hash())) {
				reason = "its content no longer matches its hash";
			}
			else if (entry.evidence() != null && !ConsentChain.sha256(entry.evidence()).equals(e.evidenceSha256())) {
				reason = "its evidence no longer matches the hash the chain commits to";
			}
			if (reason != null) {
				broken = LedgerVerification.brokenAt(expected, checked, reason);
				return;
			}
			checked++;
			last = new ConsentLedger.Head(e.seq(), e.hash());
		}
	}
}
