package org.optinel.tenancy;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.optinel.core.Ids;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs on a tenant's behalf with its Ed25519 key (made on first use) and publishes the public keys,
 * so that anyone can check a consent receipt with the public key alone.
 */
@Service
public class SignatureManagement {

	static final String ALGORITHM = "Ed25519";

	/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private final SigningKeys keys;

	private final MasterKey masterKey;

	private final Ids ids;

	private final Clock clock;

	SignatureManagement(SigningKeys keys, MasterKey masterKey, Ids ids, Clock clock) {
		this.keys = keys;
		this.masterKey = masterKey;
		this.ids = ids;
		this.clock = clock;
	}

	/** Signs {@code payload} with the tenant's current key, making one if it has none yet. */
	@Transactional
	public Signature sign(TenantId tenant, byte[] payload) {
		SigningKeys.Stored key = keys.current(tenant).orElseGet(() -> create(tenant));
		try {
			PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(masterKey.open(key.sealedPrivateKey())));
			java.security.Signature signer = java.security.Signature.getInstance(ALGORITHM);
			signer.initSign(privateKey);
			signer.update(payload);
			return new Signature(key.keyId(), ALGORITHM, signer.sign());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot sign with key " + key.keyId() + " of tenant " + tenant, e);
		}
	}

	/** The tenant's public keys, current and retired, as published for verification. */
	@Transactional
	public List<SigningKey> publicKeys(TenantId tenant) {
		if (keys.current(tenant).isEmpty()) {
			create(tenant);
		}
		return keys.all(tenant)
			.stream()
			.map(k -> new SigningKey(k.keyId(), k.algorithm(), raw(k.publicKey()), k.createdAt(), k.retiredAt()))
			.toList();
	}

	/** Checks a signature with a raw Ed25519 public key only, as a receipt's holder would. */
	public static boolean verify(byte[] rawPublicKey, byte[] payload, byte[] signature) {
		try {
			byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + rawPublicKey.length);
			System.arraycopy(rawPublicKey, 0, encoded, X509_PREFIX.length, rawPublicKey.length);
			PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
			java.security.Signature verifier = java.security.Signature.getInstance(ALGORITHM);
			verifier.initVerify(key);
			verifier.update(payload);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException e) {
			return false;
		}
	}

	private SigningKeys.Stored create(TenantId tenant) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
			SigningKeys.Stored key = new SigningKeys.Stored(ids.next(), ALGORITHM, pair.getPublic().getEncoded(),
					masterKey.seal(pair.getPrivate().getEncoded()), clock.instant(), null);
			keys.insert(tenant, key);
			return key;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("The JDK has no Ed25519", e);
		}
	}

	private static byte[] raw(byte[] x509) {
		return Arrays.copyOfRange(x509, X509_PREFIX.length, x509.length);
	}
}
