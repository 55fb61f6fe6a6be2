/** The HTTP SMS provider's webhooks: messages from people and delivery statuses, signed with the shared secret. */
package org.optinel.messaging.http.web;
