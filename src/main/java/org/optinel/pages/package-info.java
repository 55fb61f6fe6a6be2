/**
 * Public pages, first slice: hosted consent forms. A tenant defines a form (one unticked box per
 * channel and purpose, with the notice shown for each); people fill it on a public page without
 * JavaScript; each ticked box becomes a consent grant with its evidence.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pages", allowedDependencies = { "core", "tenancy",
		"contacts", "consent" })
package org.optinel.pages;
