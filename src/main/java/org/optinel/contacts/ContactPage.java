package org.optinel.contacts;

import java.util.List;

/** One page of contacts and the cursor of the next page ({@code null} on the last page). */
public record ContactPage(List<ContactProfile> items, ContactId next) {
}
