package org.optinel.consent;

import java.util.Map;

import org.optinel.tenancy.Signature;

/**
 * A signed consent receipt: {@code content} shaped after the Kantara Consent Receipt v1.1 (and the
 * fields of ISO/IEC TS 27560), {@code canonical} its {@link CanonicalJson} text, and the tenant's
 * Ed25519 signature over the UTF-8 bytes of that text.
 */
public record ConsentReceipt(String eventId, Map<String, Object> content, String canonical, Signature signature) {
}
