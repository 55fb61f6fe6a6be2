package org.optinel.suppression;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * One entry of a tenant's suppression list: the keyed hash of an identifier, the channel it is
 * suppressed on ({@code null} for all channels), why, on what evidence (JSON text) and since when.
 * Active while {@code liftedAt} is null.
 */
public record Suppression(TenantId tenant, String identifierHash, Channel scope, IdentifierKind kind,
		SuppressionReason reason, String evidence, Instant createdAt, Instant liftedAt) {

	/** How the all-channels scope is written where a channel is expected. */
	public static final String ALL = "ALL";

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	public Suppression {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(identifierHash, "identifierHash");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(evidence, "evidence");
		Objects.requireNonNull(createdAt, "createdAt");
		if (!HASH.matcher(identifierHash).matches()) {
			throw new IllegalArgumentException("not an identifier hash (64 lower-case hex digits): " + identifierHash);
		}
	}

	public boolean isActive() {
		return liftedAt == null;
	}

	/** Whether this entry, while active, bars messages on {@code channel}. */
	public boolean covers(Channel channel) {
		return scope == null || scope == channel;
	}

	/** {@code SMS}, {@code EMAIL} or {@code ALL}: the scope as stored and shown. */
	public String scopeName() {
		return scopeName(scope);
	}

	public static String scopeName(Channel scope) {
		return scope == null ? ALL : scope.name();
	}
}
