package org.optinel.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants, issues and checks API keys, and answers who a tenant is.
 *
 * <p>Keys are 256-bit random secrets, so a single SHA-256 is enough to store them: there is nothing
 * to brute-force. Verified keys and tenants are kept in memory for a short while, so that a request
 * costs no extra database round trip.
 */
@Service
public class TenantManagement {

	private static final String KEY_PREFIX = "opt_";

	private final Tenants tenants;

	private final Ids ids;

	private final Clock clock;

	private final long cacheMillis;

	private final SecureRandom random = new SecureRandom();

	/** Verified API keys (as presented) to their tenant, until the entry expires. */
	private final Map<String, Cached<TenantId>> keys = new ConcurrentHashMap<>();

	private final Map<TenantId, Cached<Tenant>> byId = new ConcurrentHashMap<>();

	TenantManagement(Tenants tenants, Ids ids, Clock clock, TenancyProperties properties) {
		this.tenants = tenants;
		this.ids = ids;
		this.clock = clock;
		this.cacheMillis = properties.keyCacheSeconds() * 1000L;
	}

	/** Creates a tenant with a freshly generated API key. */
	@Transactional
	public IssuedTenant create(NewTenant request) {
		return create(request, newKey());
	}

	/** Creates a tenant whose API key is chosen by the caller (scripted set-ups). */
	@Transactional
	public IssuedTenant create(NewTenant request, String apiKey) {
		Tenant tenant = validate(request);
		tenants.insert(tenant);
		tenants.insertKey(tenant.id(), ids.next(), hash(apiKey), "initial", tenant.createdAt());
		return new IssuedTenant(tenant, apiKey);
	}

	public boolean noTenantYet() {
		return tenants.isEmpty();
	}

	/** The tenant that owns {@code apiKey}, if the key is known and live. */
	public Optional<TenantId> authenticate(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			return Optional.empty();
		}
		long now = clock.millis();
		// Keyed by the key itself, so that a request with a verified key costs no SHA-256. Only keys
		// found live are kept, so made-up keys cannot fill the map.
		Cached<TenantId> cached = keys.get(apiKey);
		if (cached != null && cached.expiresAt > now) {
			return Optional.of(cached.value);
		}
		Optional<TenantId> found = tenants.findByKeyHash(hash(apiKey));
		found.ifPresentOrElse(id -> keys.put(apiKey, new Cached<>(id, now + cacheMillis)), () -> keys.remove(apiKey));
		return found;
	}

	/** Every tenant's id, for work done tenant by tenant. */
	@Transactional(readOnly = true)
	public List<TenantId> allIds() {
		return tenants.allIds();
	}

	/** The tenant, which must exist. */
	public Tenant require(TenantId id) {
		long now = clock.millis();
		Cached<Tenant> cached = byId.get(id);
		if (cached != null && cached.expiresAt > now) {
			return cached.value;
		}
		Tenant tenant = tenants.find(id).orElseThrow(() -> new NotFoundException("tenant", id.value()));
		byId.put(id, new Cached<>(tenant, now + cacheMillis));
		return tenant;
	}

	/** A tenant by id or, failing that, by its unique name (for the command line). */
	public Tenant resolve(String idOrName) {
		try {
			Optional<Tenant> byTenantId = tenants.find(TenantId.of(idOrName));
			if (byTenantId.isPresent()) {
				return byTenantId.get();
			}
		}
		catch (IllegalArgumentException notAnId) {
			// fall through to the name
		}
		List<Tenant> named = tenants.findByName(idOrName);
		if (named.size() > 1) {
			throw new OptinelException(ProblemKind.CONFLICT, "ambiguous-tenant", "Ambiguous tenant",
					named.size() + " tenants are named '" + idOrName + "'; give the tenant id instead");
		}
		return named.stream().findFirst().orElseThrow(() -> new NotFoundException("tenant", idOrName));
	}

	private Tenant validate(NewTenant request) {
		List<FieldViolation> violations = new ArrayList<>();
		String name = request.name() == null ? "" : request.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			violations.add(new FieldViolation("name", "is required, 1 to 200 characters"));
		}
		String region = blank(request.defaultRegion()) ? "FR" : request.defaultRegion().strip().toUpperCase(Locale.ROOT);
		if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
			violations.add(new FieldViolation("defaultRegion",
					"'" + request.defaultRegion() + "' is not an ISO 3166 alpha-2 region with a phone plan (e.g. FR, BE, GB)"));
		}
		ZoneId zone = null;
		try {
			zone = ZoneId.of(blank(request.timeZone()) ? "Europe/Paris" : request.timeZone().strip());
		}
		catch (DateTimeException e) {
			violations.add(new FieldViolation("timeZone", "'" + request.timeZone() + "' is not an IANA time zone (e.g. Europe/Paris)"));
		}
		Jurisdiction jurisdiction = Jurisdiction.FR;
		if (!blank(request.jurisdiction())) {
			try {
				jurisdiction = Jurisdiction.valueOf(request.jurisdiction().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				violations.add(new FieldViolation("jurisdiction", "'" + request.jurisdiction() + "' is not one of "
						+ java.util.Arrays.toString(Jurisdiction.values())));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new Tenant(TenantId.of(ids.next()), name, region, zone, jurisdiction, Tenant.DEFAULT_CLIENT_WINDOW_MONTHS,
				Tenant.DEFAULT_CLIENT_ACTIVITY_TYPES, Instant.now(clock));
	}

	private String newKey() {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String hash(String apiKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JVM", e);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private record Cached<T>(T value, long expiresAt) {
	}
}
