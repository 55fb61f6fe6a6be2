package org.optinel.messaging.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.IncomingSms;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsEncoding;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SmsText;
import org.optinel.messaging.SubmitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMS gateway over one SMPP 3.4 transceiver session.
 * <p>
 * A supervisor keeps the session bound: it binds, and when the session is lost it binds again
 * after a pause that doubles up to a ceiling. At most {@code window} submissions wait for their
 * {@code submit_sm_resp} at once. When the SMSC says it is throttled or its queue is full, every
 * sender pauses, for longer each time it happens again, and the part is offered again.
 * <p>
 * The guarantee a caller can build on: an {@link SubmitOutcome.Accepted} message was taken by the
 * SMSC exactly once; a {@link SubmitOutcome.Retry} message was not taken and may be submitted
 * again; an {@link SubmitOutcome.Uncertain} one may or may not have been taken (its answer never
 * came) and must not be submitted again automatically. Long texts go as concatenated parts with an
 * 8-bit reference; a part whose submission fails after earlier parts were taken makes the message
 * uncertain, never resent.
 * <p>
 * Delivery receipts and messages from people ({@code deliver_sm}) go to the listener; if the
 * listener fails, the SMSC is told to try again later.
 */
public final class SmppGateway implements SmsGateway, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmppGateway.class);

	/** Concatenation header: 8-bit reference (IEI 0x00), 3 bytes of data. */
	private static final byte UDH_LENGTH = 0x05;

	private static final int UDHI = 0x40;

	private static final int MAX_WRITE_ATTEMPTS = 3;

	private final SmppSettings settings;

	private final Listener listener;

	private final Clock clock;

	private final ExecutorService senders;

	private final Thread supervisor;

	private final Object lock = new Object();

	private final AtomicInteger references = new AtomicInteger();

	private final AtomicInteger throttleStreak = new AtomicInteger();

	private final AtomicInteger binds = new AtomicInteger();

	/** Guarded by {@link #lock}. */
	private SMPPSession session;

	private volatile boolean closed;

	private volatile long resumeAtNanos;

	public SmppGateway(SmppSettings settings, Listener listener, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.clock = Objects.requireNonNull(clock, "clock");
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(settings.window(), runnable -> {
			Thread thread = new Thread(runnable, "smpp-submit-" + settings.systemId() + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.supervisor = new Thread(this::superviseSession, "smpp-session-" + settings.systemId());
		this.supervisor.setDaemon(true);
	}

	/** Starts binding in the background; submissions wait for the first bind. */
	public void start() {
		this.supervisor.start();
	}

	/** Waits until the session is bound; true if it is. */
	public boolean awaitBound(Duration timeout) throws InterruptedException {
		return awaitSession(timeout) != null;
	}

	/** How many times a session was bound: 1 after the first bind, more after reconnections. */
	public int bindCount() {
		return this.binds.get();
	}

	@Override
	public CompletableFuture<SubmitOutcome> submit(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		if (this.closed) {
			return CompletableFuture.completedFuture(new SubmitOutcome.Retry("gateway closed", Duration.ZERO));
		}
		return CompletableFuture.supplyAsync(() -> send(sms), this.senders);
	}

	@Override
	public void close() {
		this.closed = true;
		this.supervisor.interrupt();
		this.senders.shutdownNow();
		SMPPSession last;
		synchronized (this.lock) {
			last = this.session;
			this.session = null;
			this.lock.notifyAll();
		}
		// jSMPP calls back into the state listener under its own lock: never call it holding ours.
		if (last != null) {
			last.unbindAndClose();
		}
		try {
			this.supervisor.join(TimeUnit.SECONDS.toMillis(5));
			this.senders.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private SubmitOutcome send(OutboundSms sms) {
		List<String> parts = SmsText.split(sms.text());
		SmsEncoding encoding = SmsText.encodingOf(sms.text());
		int reference = this.references.incrementAndGet() & 0xFF;
		List<String> accepted = new ArrayList<>(parts.size());
		for (int i = 0; i < parts.size(); i++) {
			byte[] body = SmsText.encode(parts.get(i), encoding);
			byte[] payload = (parts.size() == 1) ? body : withHeader(reference, parts.size(), i + 1, body);
			PartOutcome outcome;
			try {
				outcome = submitPart(sms, payload, encoding, parts.size() > 1);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				outcome = PartOutcome.failed(new SubmitOutcome.Retry("interrupted before submission", Duration.ZERO));
			}
			if (outcome.providerId() != null) {
				accepted.add(outcome.providerId());
				continue;
			}
			if (accepted.isEmpty()) {
				return outcome.failure();
			}
			return new SubmitOutcome.Uncertain("part " + (i + 1) + " of " + parts.size() + " failed after "
					+ accepted.size() + " were accepted: " + reasonOf(outcome.failure()), accepted);
		}
		return new SubmitOutcome.Accepted(accepted);
	}

	private PartOutcome submitPart(OutboundSms sms, byte[] payload, SmsEncoding encoding, boolean concatenated)
			throws InterruptedException {
		int throttled = 0;
		int writeFailures = 0;
		while (true) {
			pauseWhileThrottled();
			SMPPSession current = awaitSession(this.settings.responseTimeout());
			if (current == null) {
				return PartOutcome.failed(new SubmitOutcome.Retry("not bound to the SMSC", this.settings.reconnectMin()));
			}
			try {
				String id = current
					.submitShortMessage("", sourceTon(sms.sender()), sourceNpi(sms.sender()), sms.sender(),
							TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, sms.recipient().substring(1),
							new ESMClass(concatenated ? UDHI : 0), (byte) 0, (byte) 1, null, null,
							sms.receiptRequested() ? new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE)
									: new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
							(byte) 0, DataCodings.newInstance(encoding.dataCoding()), (byte) 0, payload)
					.getMessageId();
				this.throttleStreak.set(0);
				return PartOutcome.accepted(id);
			}
			catch (NegativeResponseException e) {
				int status = e.getCommandStatus();
				if (status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL) {
					Duration pause = throttle();
					if (++throttled > this.settings.throttleRetries()) {
						return PartOutcome.failed(new SubmitOutcome.Retry(
								"SMSC still throttling after " + throttled + " attempts (status " + hex(status) + ")", pause));
					}
					continue;
				}
				if (status == SMPPConstant.STAT_ESME_RSYSERR) {
					return PartOutcome.failed(new SubmitOutcome.Retry("SMSC system error (status 0x00000008)",
							this.settings.reconnectMin()));
				}
				return PartOutcome.failed(new SubmitOutcome.Rejected("SMSC refused the message with status " + hex(status)));
			}
			catch (ResponseTimeoutException e) {
				return PartOutcome.failed(new SubmitOutcome.Uncertain(
						"no submit_sm_resp within " + this.settings.responseTimeout(), List.of()));
			}
			catch (InvalidResponseException e) {
				return PartOutcome.failed(new SubmitOutcome.Uncertain("invalid submit_sm_resp: " + e.getMessage(), List.of()));
			}
			catch (PDUException e) {
				return PartOutcome.failed(new SubmitOutcome.Rejected("cannot build submit_sm: " + e.getMessage()));
			}
			catch (IOException e) {
				// The request was not written whole: the SMSC cannot have taken it, so offering it
				// again on the next session is safe.
				dropSession(current, e);
				if (++writeFailures >= MAX_WRITE_ATTEMPTS) {
					return PartOutcome.failed(new SubmitOutcome.Retry("session lost: " + e.getMessage(),
							this.settings.reconnectMin()));
				}
			}
		}
	}

	private static byte[] withHeader(int reference, int total, int sequence, byte[] body) {
		byte[] payload = new byte[6 + body.length];
		payload[0] = UDH_LENGTH;
		payload[1] = 0x00;
		payload[2] = 0x03;
		payload[3] = (byte) reference;
		payload[4] = (byte) total;
		payload[5] = (byte) sequence;
		System.arraycopy(body, 0, payload, 6, body.length);
		return payload;
	}

	/** Alphanumeric sender ids are sent as such; short codes and numbers as national or international. */
	private static TypeOfNumber sourceTon(String sender) {
		if (sender.startsWith("+")) {
			return TypeOfNumber.INTERNATIONAL;
		}
		return sender.chars().allMatch(Character::isDigit) ? TypeOfNumber.NATIONAL : TypeOfNumber.ALPHANUMERIC;
	}

	private static NumberingPlanIndicator sourceNpi(String sender) {
		return (sourceTon(sender) == TypeOfNumber.ALPHANUMERIC) ? NumberingPlanIndicator.UNKNOWN
				: NumberingPlanIndicator.ISDN;
	}

	private void pauseWhileThrottled() throws InterruptedException {
		long wait = this.resumeAtNanos - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/** Every sender pauses; each throttle in a row doubles the pause, up to the reconnect ceiling. */
	private Duration throttle() {
		int streak = Math.min(this.throttleStreak.getAndIncrement(), 16);
		long pauseNanos = Math.min(this.settings.throttlePause().toNanos() << streak, this.settings.reconnectMax().toNanos());
		this.resumeAtNanos = Math.max(this.resumeAtNanos, System.nanoTime() + pauseNanos);
		return Duration.ofNanos(pauseNanos);
	}

	private SMPPSession awaitSession(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (!this.closed && (this.session == null || !this.session.getSessionState().isBound())) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
			return this.closed ? null : this.session;
		}
	}

	private void dropSession(SMPPSession broken, Exception cause) {
		boolean dropped;
		synchronized (this.lock) {
			dropped = (this.session == broken);
			if (dropped) {
				this.session = null;
				this.lock.notifyAll();
			}
		}
		if (dropped) {
			log.warn("SMPP session {} to {} lost: {}", broken.getSessionId(), this.settings, cause.getMessage());
			broken.close();
		}
	}

	private void superviseSession() {
		Duration pause = this.settings.reconnectMin();
		while (!this.closed) {
			try {
				SMPPSession lost = null;
				synchronized (this.lock) {
					if (this.session != null && this.session.getSessionState().isBound()) {
						this.lock.wait(1_000);
						continue;
					}
					lost = this.session;
					this.session = null;
				}
				if (lost != null) {
					lost.close();
				}
				SMPPSession bound = bind();
				boolean keep;
				synchronized (this.lock) {
					keep = !this.closed;
					if (keep) {
						this.session = bound;
						this.binds.incrementAndGet();
						this.lock.notifyAll();
					}
				}
				if (!keep) {
					bound.unbindAndClose();
					return;
				}
				pause = this.settings.reconnectMin();
			}
			catch (IOException e) {
				log.warn("SMPP bind to {} failed: {}; next attempt in {}", this.settings, e.getMessage(), pause);
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				pause = pause.multipliedBy(2).compareTo(this.settings.reconnectMax()) > 0 ? this.settings.reconnectMax()
						: pause.multipliedBy(2);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private SMPPSession bind() throws IOException {
		SMPPSession fresh = new SMPPSession();
		fresh.setEnquireLinkTimer((int) this.settings.enquireLink().toMillis());
		fresh.setTransactionTimer(this.settings.responseTimeout().toMillis());
		fresh.setMessageReceiverListener(new Receiver());
		fresh.addSessionStateListener(this::onStateChange);
		try {
			fresh.connectAndBind(this.settings.host(), this.settings.port(),
					new BindParameter(BindType.BIND_TRX, this.settings.systemId(), this.settings.password(),
							this.settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
					this.settings.responseTimeout().toMillis());
		}
		catch (IOException e) {
			fresh.close();
			throw e;
		}
		log.info("SMPP session {} bound to {}", fresh.getSessionId(), this.settings);
		return fresh;
	}

	/**
	 * Wakes the supervisor when a session is lost. jSMPP calls this holding its session lock, so
	 * the wake-up happens on another thread: taking our lock here could deadlock with a close.
	 */
	private void onStateChange(SessionState newState, SessionState oldState, Session source) {
		if (!newState.isBound() && !this.closed) {
			CompletableFuture.runAsync(() -> {
				synchronized (this.lock) {
					this.lock.notifyAll();
				}
			});
		}
	}

	private static String hex(int status) {
		return "0x%08x".formatted(status);
	}

	private static String reasonOf(SubmitOutcome outcome) {
		if (outcome instanceof SubmitOutcome.Retry retry) {
			return retry.reason();
		}
		if (outcome instanceof SubmitOutcome.Rejected rejected) {
			return rejected.reason();
		}
		if (outcome instanceof SubmitOutcome.Uncertain uncertain) {
			return uncertain.reason();
		}
		return outcome.toString();
	}

	/** One part's fate: an id from the SMSC, or the outcome that ends the message. */
	private record PartOutcome(String providerId, SubmitOutcome failure) {

		static PartOutcome accepted(String providerId) {
			return new PartOutcome(providerId, null);
		}

		static PartOutcome failed(SubmitOutcome failure) {
			return new PartOutcome(null, failure);
		}
	}

	/** Reads {@code deliver_sm}: delivery receipts and messages from people. */
	private final class Receiver implements MessageReceiverListener {

		@Override
		public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
			try {
				if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
					listener.onDeliveryReport(report(deliverSm));
				}
				else {
					listener.onReceived(received(deliverSm));
				}
			}
			catch (InvalidDeliveryReceiptException e) {
				log.warn("Unreadable delivery receipt from {}: {}", settings, e.getMessage());
			}
			catch (RuntimeException e) {
				// Refused, so the SMSC offers it again instead of it being lost.
				throw new ProcessRequestException("cannot take deliver_sm now: " + e.getMessage(),
						SMPPConstant.STAT_ESME_RSYSERR, e);
			}
		}

		@Override
		public void onAcceptAlertNotification(AlertNotification alertNotification) {
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		private DeliveryReport report(DeliverSm deliverSm) throws InvalidDeliveryReceiptException {
			DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
			Instant at = (receipt.getDoneDate() != null) ? receipt.getDoneDate().toInstant() : clock.instant();
			return new DeliveryReport(receipt.getId(), stateOf(receipt), at, receipt.getError());
		}

		private IncomingSms received(DeliverSm deliverSm) {
			byte[] message = (deliverSm.getShortMessage() == null) ? new byte[0] : deliverSm.getShortMessage();
			if (deliverSm.isUdhi() && message.length > 0) {
				int headerLength = 1 + (message[0] & 0xFF);
				message = Arrays.copyOfRange(message, Math.min(headerLength, message.length), message.length);
			}
			String text = decode(message, deliverSm.getDataCoding());
			String from = (deliverSm.getSourceAddrTon() == TypeOfNumber.INTERNATIONAL.value())
					? "+" + deliverSm.getSourceAddr() : deliverSm.getSourceAddr();
			String to = deliverSm.getDestAddress();
			Instant at = clock.instant();
			return new IncomingSms(from, to, text, moId(from, to, text, at), at);
		}

		private DeliveryReport.State stateOf(DeliveryReceipt receipt) {
			if (receipt.getFinalStatus() == null) {
				return DeliveryReport.State.UNKNOWN;
			}
			switch (receipt.getFinalStatus()) {
				case DELIVRD:
					return DeliveryReport.State.DELIVERED;
				case UNDELIV:
				case DELETED:
					return DeliveryReport.State.UNDELIVERABLE;
				case EXPIRED:
					return DeliveryReport.State.EXPIRED;
				case REJECTD:
					return DeliveryReport.State.REJECTED;
				default:
					return DeliveryReport.State.UNKNOWN;
			}
		}
	}

	/** Text of a received message: GSM default alphabet, UCS-2, or Latin-1 as the coding says. */
	static String decode(byte[] message, byte dataCoding) {
		int coding = dataCoding & 0xFF;
		if (coding == 0x08) {
			return SmsText.decode(message, SmsEncoding.UCS_2);
		}
		if (coding == 0x03 || coding == 0x01) {
			return new String(message, StandardCharsets.ISO_8859_1);
		}
		return SmsText.decode(message, SmsEncoding.GSM_7);
	}

	/**
	 * SMPP 3.4 gives a received message no id; this one is the same when the SMSC delivers the
	 * message again on the same day (after a lost response), so that it is not acted on twice.
	 */
	static String moId(String from, String to, String text, Instant receivedAt) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String key = from + '\n' + to + '\n' + text + '\n' + receivedAt.atZone(ZoneOffset.UTC).toLocalDate();
			return "smpp-" + HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", e);
		}
	}
}
