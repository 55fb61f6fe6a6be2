package org.optinel.messaging.smpp;

import java.time.Clock;

import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.messaging.DeliveryReport;
import org.optinel.messaging.DeliveryReports;
import org.optinel.messaging.IncomingSms;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SmsProperties;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.InboundRouting;
import org.optinel.messaging.inbound.InboundSms;
import org.optinel.messaging.inbound.InboundSmsManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMPP provider ({@code optinel.sms.provider=smpp}): one transceiver bind for every tenant. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "optinel.sms.provider", havingValue = "smpp")
class SmppConfiguration {

	@Bean(destroyMethod = "close")
	SmppGateway smppGateway(SmsProperties properties, DeliveryReports receipts, InboundRouting routing,
			InboundSmsManagement inbound, Clock clock) {
		SmppGateway gateway = new SmppGateway(properties.smpp().settings(), new Events(receipts, routing, inbound),
				clock);
		gateway.start();
		return gateway;
	}

	/** Receipts settle outbox messages; messages from people go to the inbound pipeline (keywords). */
	static final class Events implements SmsGateway.Listener {

		private static final Logger log = LoggerFactory.getLogger(Events.class);

		private final DeliveryReports receipts;

		private final InboundRouting routing;

		private final InboundSmsManagement inbound;

		Events(DeliveryReports receipts, InboundRouting routing, InboundSmsManagement inbound) {
			this.receipts = receipts;
			this.routing = routing;
			this.inbound = inbound;
		}

		@Override
		public void onDeliveryReport(DeliveryReport report) {
			receipts.record(null, report);
		}

		@Override
		public void onReceived(IncomingSms sms) {
			// No tenant: refuse, so that the SMSC keeps the message (it may be a STOP) and offers it again.
			TenantId tenant = routing.tenantFor(sms.to())
				.orElseThrow(() -> new IllegalStateException("no tenant receives messages sent to " + sms.to()
						+ ": set optinel.sms.smpp.default-tenant or declare the number in a tenant's sender profile"));
			try {
				inbound.receive(tenant, new InboundSms(InboundProvider.SMPP, sms.from(), sms.to(), sms.text(),
						sms.receivedAt(), sms.providerMessageId()));
			}
			catch (InvalidInputException e) {
				// Offering it again would not change it: acknowledged and dropped, with the reason.
				log.warn("dropped an inbound SMS {} that cannot be read: {}", sms.providerMessageId(), e.getMessage());
			}
		}
	}
}
