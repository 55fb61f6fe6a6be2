package org.optinel.preferences;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.messaging.PublicBaseUrl;
import org.optinel.tenancy.LinkSignatures;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;

/**
 * The signed, expiring links to the preference centre: {@code /p/{payload}.{tag}}, where
 * {@code payload} is base64url of a version byte, the tenant id and the contact id (16 bytes each)
 * and the issue and expiry times (32-bit epoch seconds), and {@code tag} the tenant's HMAC of
 * {@code "pref." + payload} ({@link LinkSignatures}). A link cannot be forged, moved to another
 * contact or tenant, or extended; it holds no email or phone number, and its 78 characters fit an SMS.
 */
@Service
public class PreferenceLinks {

	/** The path under which the preference centre answers. */
	public static final String PATH = "/p/";

	/** The length of a token: 55 characters of payload, a dot, a 22-character tag. */
	public static final int TOKEN_LENGTH = 55 + 1 + 22;

	private static final byte VERSION = 1;

	private static final int PAYLOAD_BYTES = 1 + 16 + 16 + 4 + 4;

	/** Domain separation: a tag made for another kind of link never verifies as this one's. */
	private static final String KIND = "pref.";

	private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9_-]{55})\\.([A-Za-z0-9_-]{22})");

	private final LinkSignatures signatures;

	private final TenantManagement tenants;

	private final ContactManagement contacts;

	private final PreferencesProperties properties;

	private final PublicBaseUrl publicBaseUrl;

	private final Clock clock;

	PreferenceLinks(LinkSignatures signatures, TenantManagement tenants, ContactManagement contacts,
			PreferencesProperties properties, PublicBaseUrl publicBaseUrl, Clock clock) {
		this.signatures = signatures;
		this.tenants = tenants;
		this.contacts = contacts;
		this.properties = properties;
		this.publicBaseUrl = publicBaseUrl;
		this.clock = clock;
	}

	/** Why a token opens no page. */
	public enum Refusal {
		/** Not a token this service signed for a contact in the base: forged, altered, another tenant's, erased. */
		INVALID,
		/** A genuine token whose time is up. */
		EXPIRED
	}

	/** A token as checked: the link it names, or why it names none. */
	public record Checked(PreferenceLink link, Refusal refusal) {

		public boolean valid() {
			return refusal == null;
		}
	}

	/**
	 * Issues a link to the preferences of a contact of the tenant, valid for
	 * {@code optinel.preferences.link-validity} from now.
	 * @throws NotFoundException when the tenant has no such contact (404)
	 */
	public IssuedLink issue(TenantId tenant, ContactId contact) {
		tenants.require(tenant);
		if (contacts.existing(tenant, List.of(contact)).isEmpty()) {
			throw new NotFoundException("contact", contact.value());
		}
		// Whole seconds: the token keeps seconds, and the answer must say exactly what the token says.
		Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
		Instant expiresAt = issuedAt.plus(properties.linkValidity());
		String token = token(new PreferenceLink(tenant, contact, issuedAt, expiresAt));
		return new IssuedLink(URI.create(publicBaseUrl.get() + PATH + token), token, expiresAt);
	}

	/**
	 * A link for a contact the caller has just read (a campaign's recipient), valid until
	 * {@code expiresAt} (a campaign's deadline): no lookup, for links made by the thousand.
	 */
	public URI until(TenantId tenant, ContactId contact, Instant expiresAt) {
		Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
		Instant until = Instant.ofEpochSecond(expiresAt.getEpochSecond());
		return URI.create(publicBaseUrl.get() + PATH + token(new PreferenceLink(tenant, contact, issuedAt, until)));
	}

	/**
	 * What the token names, when this service signed it for a contact still in the base and it has
	 * not expired. Not in a read-only transaction: the tenant's link secret is made on first use.
	 */
	public Checked check(String token) {
		Optional<PreferenceLink> link = read(token);
		if (link.isEmpty() || contacts.existing(link.get().tenant(), List.of(link.get().contact())).isEmpty()) {
			return new Checked(null, Refusal.INVALID);
		}
		if (link.get().expiredAt(clock.instant())) {
			return new Checked(link.get(), Refusal.EXPIRED);
		}
		return new Checked(link.get(), null);
	}

	String token(PreferenceLink link) {
		ByteBuffer bytes = ByteBuffer.allocate(PAYLOAD_BYTES);
		bytes.put(VERSION);
		put(bytes, UUID.fromString(link.tenant().value()));
		put(bytes, UUID.fromString(link.contact().value()));
		bytes.putInt((int) link.issuedAt().getEpochSecond());
		bytes.putInt((int) link.expiresAt().getEpochSecond());
		String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
		return payload + '.' + signatures.sign(link.tenant(), KIND + payload);
	}

	/** The link a well-formed token with a valid tag names, expired or not; empty for anything else. */
	private Optional<PreferenceLink> read(String token) {
		if (token == null) {
			return Optional.empty();
		}
		var m = TOKEN.matcher(token);
		if (!m.matches()) {
			return Optional.empty();
		}
		ByteBuffer bytes;
		try {
			bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(m.group(1)));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		if (bytes.remaining() != PAYLOAD_BYTES || bytes.get() != VERSION) {
			return Optional.empty();
		}
		TenantId tenant = new TenantId(uuid(bytes).toString());
		ContactId contact = new ContactId(uuid(bytes).toString());
		Instant issuedAt = Instant.ofEpochSecond(Integer.toUnsignedLong(bytes.getInt()));
		Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(bytes.getInt()));
		try {
			tenants.require(tenant);
		}
		catch (NotFoundException e) {
			return Optional.empty();
		}
		// Checked against the tenant the token names: another tenant's key never made this tag.
		if (!signatures.verify(tenant, KIND + m.group(1), m.group(2))) {
			return Optional.empty();
		}
		return Optional.of(new PreferenceLink(tenant, contact, issuedAt, expiresAt));
	}

	private static void put(ByteBuffer bytes, UUID id) {
		bytes.putLong(id.getMostSignificantBits());
		bytes.putLong(id.getLeastSignificantBits());
	}

	private static UUID uuid(ByteBuffer bytes) {
		return new UUID(bytes.getLong(), bytes.getLong());
	}
}
