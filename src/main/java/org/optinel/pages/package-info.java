/**
 * Public pages, first slice: hosted consent forms. A tenant defines a form (one unticked box per
 * channel and purpose, with the notice shown for each); people fill it on a public page without
 * JavaScript; each ticked box becomes a consent grant with its evidence. Where a purpose asks for
 * double opt-in the grant stays pending, and Optinel sends the confirmation itself (a link by email,
 * a code by SMS, through the messaging outbox) and shows the pages that take the answer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pages", allowedDependencies = { "core", "tenancy",
		"contacts", "consent", "messaging", "messaging::outbox", "messaging::sender" })
package org.optinel.pages;
