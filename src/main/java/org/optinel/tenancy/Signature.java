package org.optinel.tenancy;

/** A detached signature and the key that made it. */
public record Signature(String keyId, String algorithm, byte[] value) {
}
