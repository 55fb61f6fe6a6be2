package org.optinel.messaging.outbox;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.eligibility.Decision;
import org.optinel.eligibility.DenyReason;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.eligibility.Subject;
import org.optinel.messaging.EmailGateway;
import org.optinel.messaging.MessagingProperties;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SubmitOutcome;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.suppression.IdentifierKind;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.TenantManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dispatchers: one per channel whose provider is configured, deciding through the eligibility module. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	Dispatchers dispatchers(OutboxProperties properties, ObjectProvider<SmsGateway> sms,
			ObjectProvider<EmailGateway> email, OutboxStore store, PlatformTransactionManager transactionManager,
			EligibilityManagement eligibility, SuppressionList suppressions, RecipientGuard guard,
			TenantManagement tenants, UnsubscribeLinks links, MessagingProperties messaging, Clock clock,
			org.springframework.core.env.Environment environment) {
		TransactionTemplate template = new TransactionTemplate(transactionManager);
		Dispatcher.Transactions transactions = new Dispatcher.Transactions() {
			@Override
			public <T> T inTransaction(java.util.function.Supplier<T> work) {
				return template.execute(status -> work.get());
			}
		};
		Dispatcher.Decider decider = new EligibilityDecider(eligibility);
		Dispatcher.Aftermath bounces = settled -> hardBounces(settled, suppressions);
		java.util.Map<Channel, java.util.function.Supplier<Dispatcher>> dispatchers = new java.util.EnumMap<>(
				Channel.class);
		// Read when the dispatchers start, after the web server: with server.port=0 only then is the
		// port the callbacks and unsubscribe links must name known (local.server.port).
		java.util.function.Supplier<URI> base = () -> messaging.publicBaseUrl() != null ? messaging.publicBaseUrl()
				: URI.create("http://localhost:" + environment.getProperty("local.server.port",
						environment.getProperty("server.port", "8080")));
		SmsGateway smsGateway = sms.getIfAvailable();
		if (smsGateway != null) {
			String provider = environment.getProperty("optinel.sms.provider", "file");
			DispatchSettings settings = properties.sms().settings("optinel.outbox.sms");
			dispatchers.put(Channel.SMS, () -> new Dispatcher(Channel.SMS, new SmsTransport(smsGateway, provider, base.get()),
					settings, store, transactions, decider, guard, bounces, tenants::allIds, clock));
		}
		EmailGateway emailGateway = email.getIfAvailable();
		if (emailGateway != null) {
			String provider = environment.getProperty("optinel.email.provider", "file");
			DispatchSettings settings = properties.email().settings("optinel.outbox.email");
			dispatchers.put(Channel.EMAIL, () -> new Dispatcher(Channel.EMAIL,
					new EmailTransport(emailGateway, provider, links, base.get()), settings, store, transactions, decider,
					guard, bounces, tenants::allIds, clock));
		}
		return new Dispatchers(dispatchers, properties.enabled());
	}

	/**
	 * A permanent refusal of an email address by the receiving server makes it a hard bounce: the
	 * address is suppressed on email, in the transaction that records the failure.
	 */
	static void hardBounces(List<Dispatcher.Settled> settled, SuppressionList suppressions) {
		for (Dispatcher.Settled s : settled) {
			if (s.message().channel() == Channel.EMAIL && s.outcome() instanceof SubmitOutcome.Rejected rejected
					&& rejected.recipientRefused()) {
				suppressions.add(s.message().tenant(), s.message().recipientHash(), IdentifierKind.EMAIL, Channel.EMAIL,
						SuppressionReason.HARD_BOUNCE,
						java.util.Map.of("messageId", s.message().id(), "response", rejected.reason()));
			}
		}
	}

	/**
	 * The decision for an outbox message: by its contact when it has one, and in every case against
	 * the suppression list for the very address it goes to (a contact's address may have changed
	 * since the message was queued).
	 */
	static final class EligibilityDecider implements Dispatcher.Decider {

		private final EligibilityManagement eligibility;

		EligibilityDecider(EligibilityManagement eligibility) {
			this.eligibility = eligibility;
		}

		@Override
		public java.util.Set<String> suppressed(List<OutboxMessage> claimed) {
			java.util.Set<String> ids = new java.util.HashSet<>();
			for (boolean marketing : new boolean[] { true, false }) {
				List<OutboxMessage> kind = claimed.stream()
					.filter(m -> m.screenedAsMarketing() == marketing && m.decidedBeforeSending())
					.toList();
				if (kind.isEmpty()) {
					continue;
				}
				OutboxMessage first = kind.get(0);
				java.util.Set<String> hashes = eligibility.suppressedAmong(first.tenant(), first.channel(), marketing,
						kind.stream().map(OutboxMessage::recipientHash).toList());
				kind.stream().filter(m -> hashes.contains(m.recipientHash())).forEach(m -> ids.add(m.id()));
			}
			return ids;
		}

		@Override
		public Dispatcher.Verdict screen(OutboxMessage m, Instant at) {
			return decide(m, at);
		}

		@Override
		public Dispatcher.Verdict decide(OutboxMessage m, Instant at) {
			if (eligibility.recentlySuppressed(m.tenant(), m.recipientHash(), m.channel(), m.screenedAsMarketing())) {
				return Dispatcher.Verdict.block("SUPPRESSED (GDPR-07)");
			}
			if (m.origin() == Origin.CONFIRMATION) {
				// Asked for by the person a moment ago; it has no basis to check, and must not wait for a window.
				return Dispatcher.Verdict.GO;
			}
			Subject subject = m.contactId() != null ? Subject.of(new ContactId(m.contactId()))
					: m.channel() == Channel.SMS ? Subject.of(new PhoneNumber(m.recipient()))
							: Subject.of(EmailAddress.parse(m.recipient(), "recipient"));
			Decision d = eligibility.decide(m.tenant(), subject, m.channel(), m.purpose(), at).decision();
			if (d instanceof Decision.Deny deny) {
				// A re-permission request may go without a basis (FR-12; its class was judged at launch), never
				// after a no and never outside the sending windows.
				if (m.repermission() && (deny.reason() == DenyReason.NO_LEGAL_BASIS
						|| deny.reason() == DenyReason.UNPROVEN)) {
					Instant open = eligibility.earliestToAsk(m.tenant(), m.channel(), m.recipient(), at);
					return open.isAfter(at) ? Dispatcher.Verdict.defer(open, "FR-07") : Dispatcher.Verdict.GO;
				}
				return Dispatcher.Verdict.block(deny.reason().name() + " (" + deny.rule() + ")");
			}
			if (d instanceof Decision.Defer defer) {
				return Dispatcher.Verdict.defer(defer.notBefore(), defer.rule());
			}
			return Dispatcher.Verdict.GO;
		}
	}

	/**
	 * SMS through the configured gateway, with delivery receipts requested; an HTTP provider is told
	 * to post the status to the tenant's own callback path.
	 */
	record SmsTransport(SmsGateway gateway, String provider, URI base) implements Dispatcher.Transport {

		@Override
		public java.util.concurrent.CompletableFuture<SubmitOutcome> send(OutboxMessage m) {
			URI callback = switch (provider) {
				case "twilio" -> base.resolve("/webhooks/twilio/" + m.tenant().value() + "/status");
				case "http" -> base.resolve("/webhooks/sms/" + m.tenant().value() + "/status");
				default -> null;
			};
			return gateway.submit(new OutboundSms(m.id(), m.sender(), m.recipient(), m.text(), true, callback));
		}
	}

	/**
	 * Email through the configured gateway. A marketing email gets the one-click unsubscribe URL for
	 * its address and purpose in its headers (EM-01) and as a visible link at the end of both parts.
	 */
	record EmailTransport(EmailGateway gateway, String provider, UnsubscribeLinks links, URI base)
			implements Dispatcher.Transport {

		@Override
		public java.util.concurrent.CompletableFuture<SubmitOutcome> send(OutboxMessage m) {
			URI unsubscribe = null;
			String text = m.text();
			String html = m.html();
			if (m.marketing()) {
				unsubscribe = base.resolve(links.path(m.tenant(), EmailAddress.parse(m.recipient(), "recipient"),
						m.purpose()));
				text = text + "\n\n--\nSe désabonner / Unsubscribe: " + unsubscribe + "\n";
				if (html != null) {
					html = html + "\n<p style=\"font-size:small\"><a href=\"" + unsubscribe
							+ "\">Se désabonner / Unsubscribe</a></p>\n";
				}
			}
			return gateway.send(new OutboundEmail(m.id(), m.sender(), m.senderName(), m.recipient(), m.subject(), text,
					html, unsubscribe));
		}
	}
}
