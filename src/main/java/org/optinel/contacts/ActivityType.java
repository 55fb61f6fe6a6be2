package org.optinel.contacts;

/** What a contact did. All of them are acts of the person (they count as inbound, FR-09). */
public enum ActivityType {
	PURCHASE, APPOINTMENT, REGISTRATION, INTERACTION
}
