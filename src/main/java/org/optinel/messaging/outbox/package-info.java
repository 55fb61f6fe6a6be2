/**
 * The outbox: every outbound message as a row written with the decision to send it, the dispatchers
 * that take the decision again right before each message leaves, and the messages API. Other
 * modules (campaigns) queue their messages here.
 */
@org.springframework.modulith.NamedInterface("outbox")
package org.optinel.messaging.outbox;
