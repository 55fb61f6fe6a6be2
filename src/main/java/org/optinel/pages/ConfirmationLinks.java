package org.optinel.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.optinel.core.Ids;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.LinkSignatures;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;

/**
 * The signed references of a hosted form's pending grants: the email link's token
 * ({@code /d/{token}}) and the SMS code form's reference ({@code /d/sms/{ref}}).
 *
 * <p>A reference is {@code kind.tenant.form.version.language.item[.item…].tag}, where each item is
 * {@code ask~eventId} (plus {@code ~secret} in an email token: the confirmation token that the
 * consent module issued) and {@code tag} the tenant's HMAC of everything before it. A reference
 * that this service did not sign, or that was moved to another tenant, reads as empty, so a forged
 * one never reaches the consent ledger and counts no attempt. The SMS reference carries no secret:
 * the code comes only from the SMS.
 */
@Service
public class ConfirmationLinks {

	/** At most this many grants in one reference: a form asks at most this much. */
	static final int MAX_ITEMS = 20;

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final Pattern REFERENCE = Pattern.compile("([ds])\\.(" + UUID + ")\\.(" + UUID
			+ ")\\.([1-9][0-9]{0,8})\\.(fr|en)((?:\\.[0-9]{1,3}~" + UUID + "(?:~[A-Za-z0-9_-]{1,100})?){1," + MAX_ITEMS
			+ "})\\.([A-Za-z0-9_-]{22})");

	private final LinkSignatures signatures;

	private final TenantManagement tenants;

	ConfirmationLinks(LinkSignatures signatures, TenantManagement tenants) {
		this.signatures = signatures;
		this.tenants = tenants;
	}

	/**
	 * The pending grants of one submission that one reference confirms.
	 *
	 * @param language the language the form was shown in, which the pages and messages speak
	 */
	public record Pending(Kind kind, TenantId tenant, String formId, int version, String language, List<Item> items) {

		public Pending {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(tenant, "tenant");
			Objects.requireNonNull(formId, "formId");
			Objects.requireNonNull(language, "language");
			items = List.copyOf(items);
			if (items.isEmpty() || items.size() > MAX_ITEMS) {
				throw new IllegalArgumentException("a reference names 1 to " + MAX_ITEMS + " pending grants");
			}
			for (Item item : items) {
				if (kind == Kind.EMAIL != (item.secret() != null)) {
					throw new IllegalArgumentException("an email token carries each grant's secret, an SMS reference none");
				}
			}
		}
	}

	/** Whether a reference is an email link's token or the SMS code form's. */
	public enum Kind {

		EMAIL("d"), SMS("s");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}
	}

	/**
	 * One pending grant: the ask of the form it answers, its event, and for email its token.
	 *
	 * @param secret the email confirmation token; {@code null} in an SMS reference
	 */
	public record Item(int ask, String eventId, String secret) {

		public Item {
			if (ask < 0 || ask > 999 || !Ids.isCanonical(eventId)) {
				throw new IllegalArgumentException("an item names an ask index and a canonical event id");
			}
			if (secret != null && !secret.matches("[A-Za-z0-9_-]{1,100}")) {
				throw new IllegalArgumentException("a secret is base64url");
			}
		}
	}

	/** The signed reference of {@code pending}. */
	public String write(Pending pending) {
		StringBuilder payload = new StringBuilder(pending.kind().prefix).append('.').append(pending.tenant().value())
			.append('.').append(pending.formId()).append('.').append(pending.version()).append('.')
			.append(pending.language());
		for (Item item : pending.items()) {
			payload.append('.').append(item.ask()).append('~').append(item.eventId());
			if (item.secret() != null) {
				payload.append('~').append(item.secret());
			}
		}
		return payload + "." + signatures.sign(pending.tenant(), payload.toString());
	}

	/** What a reference of this kind names, when this service signed it for a tenant that exists; else empty. */
	public Optional<Pending> read(Kind kind, String reference) {
		if (reference == null || reference.length() > 4000) {
			return Optional.empty();
		}
		Matcher m = REFERENCE.matcher(reference);
		if (!m.matches() || !m.group(1).equals(kind.prefix)) {
			return Optional.empty();
		}
		TenantId tenant = new TenantId(m.group(2));
		try {
			tenants.require(tenant);
		}
		catch (NotFoundException e) {
			return Optional.empty();
		}
		String payload = reference.substring(0, reference.length() - m.group(7).length() - 1);
		if (!signatures.verify(tenant, payload, m.group(7))) {
			return Optional.empty();
		}
		List<Item> items = new ArrayList<>();
		for (String item : m.group(6).substring(1).split("\\.")) {
			String[] parts = item.split("~");
			items.add(new Item(Integer.parseInt(parts[0]), parts[1], parts.length > 2 ? parts[2] : null));
		}
		try {
			return Optional.of(new Pending(kind, tenant, m.group(3), Integer.parseInt(m.group(4)), m.group(5), items));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
