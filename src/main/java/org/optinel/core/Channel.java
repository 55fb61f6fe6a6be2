package org.optinel.core;

/** A way of reaching a person; consent is given per channel (GDPR-04). */
public enum Channel {
	SMS, EMAIL
}
