package org.optinel.messaging.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one SMSC over SMPP 3.4 and how hard to push it.
 *
 * @param window submissions in flight at once on the session (each waits for its {@code submit_sm_resp})
 * @param enquireLink idle time after which an {@code enquire_link} checks the link
 * @param responseTimeout how long to wait for a response before the submission is uncertain
 * @param reconnectMin first pause before binding again after a lost session; doubles up to {@code reconnectMax}
 * @param throttlePause first pause after the SMSC says it is throttled or its queue is full; doubles up to {@code reconnectMax}
 * @param throttleRetries how many times one part is offered again after throttling before the message is handed back for a later retry
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType, int window,
		Duration enquireLink, Duration responseTimeout, Duration reconnectMin, Duration reconnectMax,
		Duration throttlePause, int throttleRetries) {

	public SmppSettings {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(systemId, "systemId");
		Objects.requireNonNull(password, "password");
		systemType = (systemType == null) ? "" : systemType;
		requirePositive(enquireLink, "enquireLink");
		requirePositive(responseTimeout, "responseTimeout");
		requirePositive(reconnectMin, "reconnectMin");
		requirePositive(reconnectMax, "reconnectMax");
		requirePositive(throttlePause, "throttlePause");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("optinel.sms.smpp.port must be 1-65535, was " + port);
		}
		if (window < 1 || window > 256) {
			throw new IllegalArgumentException("optinel.sms.smpp.window must be 1-256, was " + window);
		}
		if (throttleRetries < 0) {
			throw new IllegalArgumentException("optinel.sms.smpp.throttle-retries must be >= 0");
		}
	}

	/** Settings with the usual values: a window of 8, enquire_link every 30 s, 10 s response timeout. */
	public static SmppSettings of(String host, int port, String systemId, String password) {
		return new SmppSettings(host, port, systemId, password, "", 8, Duration.ofSeconds(30), Duration.ofSeconds(10),
				Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(200), 20);
	}

	public SmppSettings withWindow(int window) {
		return new SmppSettings(host, port, systemId, password, systemType, window, enquireLink, responseTimeout,
				reconnectMin, reconnectMax, throttlePause, throttleRetries);
	}

	public SmppSettings withTimings(Duration responseTimeout, Duration reconnectMin, Duration throttlePause) {
		return new SmppSettings(host, port, systemId, password, systemType, window, enquireLink, responseTimeout,
				reconnectMin, reconnectMax, throttlePause, throttleRetries);
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("optinel.sms.smpp." + name + " must be positive, was " + value);
		}
	}

	@Override
	public String toString() {
		// The password never reaches a log line.
		return "SmppSettings[" + systemId + "@" + host + ":" + port + ", window=" + window + "]";
	}
}
