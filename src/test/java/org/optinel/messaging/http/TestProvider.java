package org.optinel.messaging.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider's HTTP API played on the loopback interface: records every request and answers as
 * the test says. Also the two misbehaving peers plain HTTP cannot play: one that takes the
 * request and never answers, and one that hangs up once the request has arrived.
 */
public final class TestProvider implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private volatile Answer answer = (exchange, request) -> respond(exchange, 500, "{}");

	private TestProvider(HttpServer server) {
		this.server = server;
		server.setExecutor(handlers);
		server.createContext("/", this::handle);
		server.start();
	}

	public static TestProvider start() throws IOException {
		return new TestProvider(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	/** {@code http://127.0.0.1:<port>}. */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public URI url(String path) {
		return URI.create(baseUrl() + path);
	}

	/** Answers every request with this status, JSON body and extra headers (name, value, ...). */
	public void answer(int status, String json, String... headers) {
		answerWith((exchange, request) -> {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
			}
			respond(exchange, status, json);
		});
	}

	public void answerWith(Answer answer) {
		this.answer = answer;
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	/** The most requests that were being handled at once. */
	int maxInFlight() {
		return maxInFlight.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		int now = inFlight.incrementAndGet();
		maxInFlight.accumulateAndGet(now, Math::max);
		try (exchange) {
			Headers headers = new Headers();
			headers.putAll(exchange.getRequestHeaders());
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
					exchange.getRequestBody().readAllBytes());
			requests.add(request);
			answer.answer(exchange, request);
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	public static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
		handlers.shutdownNow();
	}

	/** One request as it arrived. */
	public record Request(String method, String path, Headers headers, byte[] body) {

		public String header(String name) {
			return headers.getFirst(name);
		}

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	/** How to answer one request. */
	public interface Answer {

		void answer(HttpExchange exchange, Request request) throws IOException;
	}

	/**
	 * A peer that accepts connections and reads whatever comes, then either never answers or hangs
	 * up: the request has left, but no answer will come.
	 */
	static final class Silent implements AutoCloseable {

		private final ServerSocket socket;

		private final boolean hangUp;

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		private final AtomicInteger requests = new AtomicInteger();

		private final Thread acceptor;

		private Silent(boolean hangUp) throws IOException {
			this.hangUp = hangUp;
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::accept, "silent-peer");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		/** Takes requests and never answers. */
		static Silent neverAnswering() throws IOException {
			return new Silent(false);
		}

		/** Closes each connection as soon as a request has arrived on it. */
		static Silent hangingUp() throws IOException {
			return new Silent(true);
		}

		URI url(String path) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
		}

		/** How many connections carried some bytes of a request. */
		int requests() {
			return requests.get();
		}

		private void accept() {
			while (!socket.isClosed()) {
				try {
					Socket connection = socket.accept();
					connections.add(connection);
					Thread reader = new Thread(() -> read(connection), "silent-peer-connection");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException e) {
					return;
				}
			}
		}

		private void read(Socket connection) {
			try {
				InputStream in = connection.getInputStream();
				byte[] buffer = new byte[8192];
				int read = in.read(buffer);
				if (read > 0) {
					requests.incrementAndGet();
				}
				if (hangUp) {
					// Let the rest of the request arrive, then drop the connection without a word.
					Thread.sleep(100);
					connection.close();
					return;
				}
				while (in.read(buffer) >= 0) {
					// never answer
				}
			}
			catch (IOException | InterruptedException e) {
				// the test is over
			}
		}

		@Override
		public void close() throws IOException {
			socket.close();
			for (Socket connection : connections) {
				connection.close();
			}
		}
	}
}
