package org.optinel.messaging.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on the loopback address that answers each transaction from a script: a
 * recipient refused, a temporary failure, a connection dropped once the message data has arrived,
 * an answer that never comes. A real peer over TCP, with none of a mail store's work, and it counts
 * the connections it accepted. Public for the outbox's tests, which point the whole service at it.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	/** Instead of an answer: close the connection without a word. */
	public static final String DROP = "<drop>";

	/** Instead of an answer: say nothing, and keep the connection open. */
	public static final String SILENT = "<silent>";

	/**
	 * What the server answers in one transaction.
	 *
	 * @param mail to {@code MAIL FROM}
	 * @param rcpt to {@code RCPT TO}
	 * @param data to {@code DATA}
	 * @param end to the end of the message data
	 */
	public record Answers(String mail, String rcpt, String data, String end) {

		public static Answers accepting() {
			return new Answers("250 2.1.0 Ok", "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>",
					"250 2.0.0 Ok: queued");
		}

		public Answers withMail(String answer) {
			return new Answers(answer, this.rcpt, this.data, this.end);
		}

		public Answers withRcpt(String answer) {
			return new Answers(this.mail, answer, this.data, this.end);
		}

		public Answers withEnd(String answer) {
			return new Answers(this.mail, this.rcpt, this.data, answer);
		}
	}

	private final ServerSocket socket;

	private final Thread acceptor;

	private final Queue<Answers> script = new ConcurrentLinkedQueue<>();

	/** Answers to {@code RCPT TO} by lower-cased address, whatever the script says. */
	private final Map<String, String> recipients = new ConcurrentHashMap<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<Socket> clients = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile boolean closed;

	public ScriptedSmtpServer() throws IOException {
		this.socket = new ServerSocket();
		this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.acceptor = new Thread(this::accept, "scripted-smtp-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** The next transactions, in order; after them every transaction is accepted. */
	public void then(Answers... answers) {
		this.script.addAll(List.of(answers));
	}

	/**
	 * Answers {@code RCPT TO} for {@code address} with {@code answer} in every transaction, whatever
	 * the order the messages come in; null goes back to the script's answer.
	 */
	public void answerRecipient(String address, String answer) {
		String key = address.toLowerCase(Locale.ROOT);
		if (answer == null) {
			this.recipients.remove(key);
		}
		else {
			this.recipients.put(key, answer);
		}
	}

	/** Connections accepted so far. */
	public int connections() {
		return this.connections.get();
	}

	/** The message data of every transaction that reached its end, whatever was answered. */
	public List<String> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.socket.close();
		for (Socket client : this.clients) {
			client.close();
		}
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.socket.accept();
				this.connections.incrementAndGet();
				this.clients.add(client);
				Thread session = new Thread(() -> serve(client), "scripted-smtp-" + this.connections.get());
				session.setDaemon(true);
				session.start();
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = client.getOutputStream();
			reply(out, "220 scripted ESMTP");
			Answers answers = Answers.accepting();
			for (String line; (line = in.readLine()) != null;) {
				String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
				String answer;
				switch (verb) {
					case "EHLO", "HELO" -> answer = "250 scripted";
					case "MAIL" -> {
						Answers next = this.script.poll();
						answers = (next != null) ? next : Answers.accepting();
						answer = answers.mail();
					}
					case "RCPT" -> answer = this.recipients.getOrDefault(recipientOf(line), answers.rcpt());
					case "DATA" -> {
						answer = answers.data();
						if (answer.startsWith("354")) {
							reply(out, answer);
							this.received.add(readData(in));
							answer = answers.end();
						}
					}
					case "RSET", "NOOP" -> answer = "250 2.0.0 Ok";
					case "QUIT" -> {
						reply(out, "221 2.0.0 Bye");
						return;
					}
					default -> answer = "502 5.5.2 Command not recognized";
				}
				if (answer.equals(DROP)) {
					return;
				}
				if (!answer.equals(SILENT)) {
					reply(out, answer);
				}
				if (answer.startsWith("421")) {
					return;
				}
			}
		}
		catch (SocketException e) {
			// the client went away, or the server is closing
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The address of {@code RCPT TO:<address>}, lower-cased; empty when the line names none. */
	private static String recipientOf(String line) {
		int open = line.indexOf('<');
		int close = line.indexOf('>', open + 1);
		return (open < 0 || close < 0) ? "" : line.substring(open + 1, close).toLowerCase(Locale.ROOT);
	}

	private static String readData(BufferedReader in) throws IOException {
		StringBuilder data = new StringBuilder();
		for (String line; (line = in.readLine()) != null && !line.equals(".");) {
			data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
		}
		return data.toString();
	}

	private static void reply(OutputStream out, String answer) throws IOException {
		out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}
}
