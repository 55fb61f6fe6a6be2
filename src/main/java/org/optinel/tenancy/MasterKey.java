package org.optinel.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The service's master key, which seals secrets kept in the database (AES-256-GCM): taken from
 * {@code OPTINEL_MASTER_KEY} (base64 of 32 bytes) or, when unset, from a key file under the data
 * folder that is created, owner-readable only, on first use. Whoever holds the database without it
 * holds no usable private key.
 */
@Component
public class MasterKey {

	private static final int NONCE_BYTES = 12;

	private final TenancyProperties properties;

	private final SecureRandom random = new SecureRandom();

	private volatile SecretKey key;

	MasterKey(TenancyProperties properties) {
		this.properties = properties;
	}

	/** {@code nonce || ciphertext-with-tag}, base64. */
	public String seal(byte[] secret) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(secret);
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot seal a secret", e);
		}
	}

	/** The secret sealed by {@link #seal}; fails if it was sealed with another master key or altered. */
	public byte[] open(String sealed) {
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
			return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot open a sealed secret: is this the master key it was sealed with "
					+ "(OPTINEL_MASTER_KEY or " + properties.masterKeyFile() + ")?", e);
		}
	}

	private SecretKey key() {
		SecretKey known = key;
		if (known == null) {
			synchronized (this) {
				if (key == null) {
					key = new SecretKeySpec(load(), "AES");
				}
				known = key;
			}
		}
		return known;
	}

	private byte[] load() {
		if (properties.masterKey() != null) {
			return decode(properties.masterKey(), "optinel.tenancy.master-key (OPTINEL_MASTER_KEY)");
		}
		Path file = properties.masterKeyFile();
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file).strip(), file.toString());
			}
			byte[] fresh = new byte[32];
			random.nextBytes(fresh);
			Files.createDirectories(file.toAbsolutePath().getParent());
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions
					.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
			return fresh;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
		}
	}

	private static byte[] decode(String base64, String where) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(where + " is not base64", e);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(where + " must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
		}
		return bytes;
	}
}
