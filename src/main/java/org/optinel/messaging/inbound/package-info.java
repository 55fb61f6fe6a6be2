/**
 * Inbound SMS: messages from the people in the base, stored once per provider message id, and what
 * their keywords do (opt-out, opt-in, help) or, for any other text, the interaction they record.
 */
package org.optinel.messaging.inbound;
