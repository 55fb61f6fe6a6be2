package org.optinel.messaging;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.optinel.core.EmailAddress;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.LinkSignatures;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;

/**
 * The tokens of one-click unsubscribe links (RFC 8058, EM-01, EM-02): {@code tenant.hash.list.tag},
 * where {@code hash} is the tenant's keyed hash of the recipient's email (the address itself never
 * appears in a link), {@code list} the purpose the email was sent for, and {@code tag} the tenant's
 * HMAC of the rest. A token cannot be forged or moved to another tenant or address; it does not
 * expire, because an unsubscribe link must work for as long as the email is kept.
 */
@Service
public class UnsubscribeLinks {

	/** The path under which the one-click endpoint and its page answer. */
	public static final String PATH = "/unsubscribe/";

	private static final String LIST_KEY = "[a-z0-9][a-z0-9_-]{0,63}";

	private static final Pattern LIST = Pattern.compile(LIST_KEY);

	/** tenant id, email hash, list, 128-bit tag in base64url. */
	private static final Pattern TOKEN = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
			+ "\\.([0-9a-f]{64})\\.(" + LIST_KEY + ")\\.([A-Za-z0-9_-]{22})");

	private final IdentifierHashing hashing;

	private final LinkSignatures signatures;

	private final TenantManagement tenants;

	UnsubscribeLinks(IdentifierHashing hashing, LinkSignatures signatures, TenantManagement tenants) {
		this.hashing = hashing;
		this.signatures = signatures;
		this.tenants = tenants;
	}

	/** What a valid token names: whom to take off which list of which tenant. */
	public record Unsubscribe(TenantId tenant, String emailHash, String list) {

		public Unsubscribe {
			Objects.requireNonNull(tenant, "tenant");
			Objects.requireNonNull(emailHash, "emailHash");
			Objects.requireNonNull(list, "list");
		}
	}

	/** The token for {@code email} on {@code list} (a purpose key: lower-case letters, digits, '-', '_'). */
	public String token(TenantId tenant, EmailAddress email, String list) {
		if (list == null || !LIST.matcher(list).matches()) {
			throw new IllegalArgumentException("list must be a purpose key of lower-case letters, digits, '-' or '_'");
		}
		String payload = tenant.value() + '.' + hashing.email(tenant, email) + '.' + list;
		return payload + '.' + signatures.sign(tenant, payload);
	}

	/** The path of the link, to put after the service's public base URL. */
	public String path(TenantId tenant, EmailAddress email, String list) {
		return PATH + token(tenant, email, list);
	}

	/** What the token names, when it is one this service signed; empty for anything else. */
	public Optional<Unsubscribe> read(String token) {
		if (token == null) {
			return Optional.empty();
		}
		var m = TOKEN.matcher(token);
		if (!m.matches()) {
			return Optional.empty();
		}
		TenantId tenant = new TenantId(m.group(1));
		try {
			tenants.require(tenant);
		}
		catch (NotFoundException e) {
			return Optional.empty();
		}
		String payload = m.group(1) + '.' + m.group(2) + '.' + m.group(3);
		if (!signatures.verify(tenant, payload, m.group(4))) {
			return Optional.empty();
		}
		return Optional.of(new Unsubscribe(tenant, m.group(2), m.group(3)));
	}
}
