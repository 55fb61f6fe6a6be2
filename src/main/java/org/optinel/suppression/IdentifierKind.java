package org.optinel.suppression;

/** What a suppression hash was made from, when known. */
public enum IdentifierKind {
	PHONE, EMAIL, UNKNOWN
}
