package org.optinel.consent;

/** Whether messages of a purpose are marketing (consent or soft opt-in) or strictly transactional. */
public enum PurposeKind {
	MARKETING, TRANSACTIONAL
}
