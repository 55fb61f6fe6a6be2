package org.optinel.messaging.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/**
 * A real SMPP server (jSMPP's server side) on the loopback address, with faults on demand: it
 * throttles, answers late, refuses numbers, or drops the connection when a given submission
 * arrives, before taking it.
 */
public final class TestSmsc implements AutoCloseable {

	public static final String SYSTEM_ID = "optinel";

	public static final String PASSWORD = "secret";

	/**
	 * What the SMSC took: one entry per accepted {@code submit_sm}.
	 *
	 * @param arrivedNanos {@link System#nanoTime()} when the submission arrived, before it was taken
	 */
	public record Submission(String messageId, String source, String destination, byte esmClass, byte dataCoding,
			byte[] shortMessage, long arrivedNanos) {
	}

	private final SMPPServerSessionListener listener;

	private final int port;

	private final Thread acceptor;

	private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();

	private final Queue<Submission> submissions = new ConcurrentLinkedQueue<>();

	private final AtomicInteger arrivals = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong(0x1000);

	private final AtomicInteger throttleNext = new AtomicInteger();

	private final AtomicInteger queueFullNext = new AtomicInteger();

	private final AtomicInteger throttled = new AtomicInteger();

	private final Set<Integer> dropAtArrivals = ConcurrentHashMap.newKeySet();

	private final Set<String> refusedDestinations = ConcurrentHashMap.newKeySet();

	private volatile long answerDelayMillis;

	private volatile boolean closed;

	public TestSmsc() throws IOException {
		LoopbackConnections connections = new LoopbackConnections();
		this.listener = new SMPPServerSessionListener(0, connections);
		this.listener.setPduProcessorDegree(16);
		this.port = connections.boundPort;
		this.listener.setMessageReceiverListener(new Receiver());
		this.acceptor = new Thread(this::acceptSessions, "test-smsc-acceptor");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public int port() {
		return this.port;
	}

	public List<Submission> submissions() {
		return List.copyOf(this.submissions);
	}

	/** How many submissions arrived so far, taken or not. */
	public int arrivals() {
		return this.arrivals.get();
	}

	public int throttledCount() {
		return this.throttled.get();
	}

	public void throttleNext(int count) {
		this.throttleNext.set(count);
	}

	public void queueFullNext(int count) {
		this.queueFullNext.set(count);
	}

	public void answerAfter(long millis) {
		this.answerDelayMillis = millis;
	}

	/** Drops the connection when the n-th submission (counted from start) arrives, without taking it. */
	public void dropConnectionAtArrival(int n) {
		this.dropAtArrivals.add(n);
	}

	public void refuse(String destinationDigits) {
		this.refusedDestinations.add(destinationDigits);
	}

	/** Sends a message from a person ({@code deliver_sm}) on the first bound session. */
	public void deliverFromPerson(String fromDigits, String to, byte dataCoding, byte[] text) throws Exception {
		boundSession().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, fromDigits,
				TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 0,
				new RegisteredDelivery(0), DataCodings.newInstance(dataCoding), text);
	}

	/** Sends a delivery receipt ({@code deliver_sm} with the receipt flag) in the usual text format. */
	public void deliverReceipt(String receiptText) throws Exception {
		boundSession().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "33612345678",
				TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "OPTINEL",
				new ESMClass(MessageType.SMSC_DEL_RECEIPT.value()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
				DataCodings.ZERO, receiptText.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	private SMPPServerSession boundSession() {
		return this.sessions.stream()
			.filter(s -> s.getSessionState().isBound())
			.reduce((first, second) -> second)
			.orElseThrow(() -> new IllegalStateException("no bound session"));
	}

	private void acceptSessions() {
		while (!this.closed) {
			try {
				SMPPServerSession session = this.listener.accept();
				Thread binder = new Thread(() -> acceptBind(session), "test-smsc-bind");
				binder.setDaemon(true);
				binder.start();
			}
			catch (IOException e) {
				if (!this.closed) {
					// A refused accept is not fatal; the next client gets its chance.
					continue;
				}
			}
		}
	}

	private void acceptBind(SMPPServerSession session) {
		try {
			BindRequest request = session.waitForBind(5_000);
			if (SYSTEM_ID.equals(request.getSystemId()) && PASSWORD.equals(request.getPassword())) {
				request.accept("test-smsc");
				this.sessions.add(session);
			}
			else {
				request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
			}
		}
		catch (Exception e) {
			session.close();
		}
	}

	@Override
	public void close() throws Exception {
		this.closed = true;
		for (SMPPServerSession session : this.sessions) {
			session.close();
		}
		this.listener.close();
		this.acceptor.join(TimeUnit.SECONDS.toMillis(5));
	}

	private final class Receiver implements ServerMessageReceiverListener {

		@Override
		public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
			long arrivedNanos = System.nanoTime();
			int arrival = arrivals.incrementAndGet();
			if (dropAtArrivals.remove(arrival)) {
				// Gone before taking it: the client never gets an answer for this one.
				source.close();
				throw new ProcessRequestException("connection dropped", SMPPConstant.STAT_ESME_RSYSERR);
			}
			if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				throttled.incrementAndGet();
				throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
			}
			if (queueFullNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				throttled.incrementAndGet();
				throw new ProcessRequestException("queue full", SMPPConstant.STAT_ESME_RMSGQFUL);
			}
			if (refusedDestinations.contains(submitSm.getDestAddress())) {
				throw new ProcessRequestException("invalid destination", SMPPConstant.STAT_ESME_RINVDSTADR);
			}
			long delay = answerDelayMillis;
			if (delay > 0) {
				try {
					Thread.sleep(delay);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			try {
				String id = Long.toHexString(ids.incrementAndGet());
				submissions.add(new Submission(id, submitSm.getSourceAddr(), submitSm.getDestAddress(),
						submitSm.getEsmClass(), submitSm.getDataCoding(), submitSm.getShortMessage(), arrivedNanos));
				return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
			}
			catch (org.jsmpp.PDUStringException e) {
				throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR, e);
			}
		}

		@Override
		public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
				SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}
	}

	/** jSMPP's default factory listens on every interface; this one binds loopback and remembers the port. */
	private static final class LoopbackConnections implements ServerConnectionFactory {

		private int boundPort;

		@Override
		public ServerConnection listen(int port) throws IOException {
			return listen(port, 0, 50);
		}

		@Override
		public ServerConnection listen(int port, int timeout) throws IOException {
			return listen(port, timeout, 50);
		}

		@Override
		public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
			ServerSocket socket = new ServerSocket();
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
			socket.setSoTimeout(timeout);
			this.boundPort = socket.getLocalPort();
			return new ServerSocketConnection(socket);
		}
	}
}
