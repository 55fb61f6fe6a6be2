/**
 * Who a tenant's messages say they come from, and the rules their content must keep: the sender
 * profile (brand, SMS sender id, opt-out mention, email sender, the numbers replies arrive on) and
 * the checks that prepare an SMS or a marketing email for sending (EP-03, FR-05, FR-06). Other
 * modules (campaigns) prepare their templates with it.
 */
@org.springframework.modulith.NamedInterface("sender")
package org.optinel.messaging.sender;
