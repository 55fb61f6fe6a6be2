/**
 * File gateways, the default when no provider is configured: each email becomes an {@code .eml}
 * file and each SMS a JSON line, so that a newcomer sees what would have been sent.
 */
package org.optinel.messaging.file;
