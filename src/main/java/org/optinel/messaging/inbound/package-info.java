/**
 * Inbound SMS: messages from the people in the base, stored once per provider message id, and what
 * their keywords do (opt-out, opt-in, help), the survey answers other modules take through
 * {@link org.optinel.messaging.inbound.SurveyReplies}, or, for any other text, the interaction
 * they record. Other modules (campaigns) answer surveys through this package.
 */
@org.springframework.modulith.NamedInterface("inbound")
package org.optinel.messaging.inbound;
