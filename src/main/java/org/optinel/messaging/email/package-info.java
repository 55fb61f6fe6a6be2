/**
 * Email: the MIME message every email gateway sends ({@link org.optinel.messaging.email.EmailMessages}), the
 * SMTP gateway, and the one-click unsubscribe endpoint (sub-package {@code web}).
 */
package org.optinel.messaging.email;
