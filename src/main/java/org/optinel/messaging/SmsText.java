package org.optinel.messaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures, splits and encodes the text of an SMS the way the network will carry it (3GPP TS
 * 23.038 and 23.040).
 * <p>
 * A text is sent in the GSM 03.38 default alphabet when every character is in its basic or
 * extension table, otherwise in UCS-2. A text longer than one message is cut into parts that each
 * leave room for a concatenation header: 153 septets or 67 code units. A cut never falls between
 * an escape and the extension character it introduces, nor between the two halves of a surrogate
 * pair, so every part decodes on its own.
 * <p>
 * Strict on purpose: a character outside the tables (the French {@code ç}, {@code ê}, {@code â},
 * {@code œ}, typographic quotes) turns the whole text into UCS-2 rather than being replaced by a
 * look-alike the recipient never saw in the notice. The segment count shown before a campaign
 * launches therefore tells the truth about its cost.
 */
public final class SmsText {

	private static final char ESCAPE = 0x1B;

	/** The basic table, indexed by septet value; the escape slot (0x1B) is never a character. */
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The extension table: characters after an escape, and their septet values. */
	private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";

	private static final byte[] EXTENSION_CODES = { 0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65 };

	/** Septet value of each BMP character in the basic table, -1 where it has none. */
	private static final short[] BASIC_CODE = new short[0x10000];

	/** Septet value after an escape of each extension character, -1 where it has none. */
	private static final short[] EXTENSION_CODE = new short[0x10000];

	static {
		java.util.Arrays.fill(BASIC_CODE, (short) -1);
		java.util.Arrays.fill(EXTENSION_CODE, (short) -1);
		if (BASIC.length() != 128) {
			throw new IllegalStateException("GSM 03.38 basic table must have 128 entries, has " + BASIC.length());
		}
		for (int code = 0; code < BASIC.length(); code++) {
			if (code != ESCAPE) {
				BASIC_CODE[BASIC.charAt(code)] = (short) code;
			}
		}
		for (int i = 0; i < EXTENSION_CHARS.length(); i++) {
			EXTENSION_CODE[EXTENSION_CHARS.charAt(i)] = EXTENSION_CODES[i];
		}
	}

	private SmsText() {
	}

	/** How the text would be sent: encoding, units and parts, without building the parts. */
	public static SmsSize measure(String text) {
		Objects.requireNonNull(text, "text");
		int septets = gsmSeptets(text);
		if (septets >= 0) {
			return new SmsSize(SmsEncoding.GSM_7, septets, gsmParts(text, septets));
		}
		return new SmsSize(SmsEncoding.UCS_2, text.length(), ucs2Parts(text));
	}

	/** The encoding the text needs: GSM-7 when every character is in the tables. */
	public static SmsEncoding encodingOf(String text) {
		return gsmSeptets(Objects.requireNonNull(text, "text")) >= 0 ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
	}

	/**
	 * The parts in which the text is sent: the whole text when it fits one message, otherwise
	 * pieces that each fit one part of a concatenated message.
	 */
	public static List<String> split(String text) {
		SmsSize size = measure(text);
		SmsEncoding encoding = size.encoding();
		if (size.units() <= encoding.singleCapacity()) {
			return List.of(text);
		}
		List<String> parts = new ArrayList<>(size.parts());
		int start = 0;
		int used = 0;
		int i = 0;
		while (i < text.length()) {
			int width = (encoding == SmsEncoding.GSM_7) ? septetsOf(text.charAt(i))
					: Character.charCount(text.codePointAt(i));
			int chars = (encoding == SmsEncoding.GSM_7) ? 1 : Character.charCount(text.codePointAt(i));
			if (used + width > encoding.partCapacity()) {
				parts.add(text.substring(start, i));
				start = i;
				used = 0;
			}
			used += width;
			i += chars;
		}
		parts.add(text.substring(start));
		return List.copyOf(parts);
	}

	/**
	 * The bytes of a text (or one part) in the given encoding, as SMPP carries them in
	 * {@code short_message}: one unpacked septet per byte with {@code 0x1B} before an extension
	 * character for GSM-7, big-endian code units for UCS-2.
	 *
	 * @throws IllegalArgumentException when GSM-7 is asked for a text that does not fit it
	 */
	public static byte[] encode(String text, SmsEncoding encoding) {
		Objects.requireNonNull(text, "text");
		if (encoding == SmsEncoding.UCS_2) {
			return text.getBytes(StandardCharsets.UTF_16BE);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (BASIC_CODE[c] >= 0) {
				out.write(BASIC_CODE[c]);
			}
			else if (EXTENSION_CODE[c] >= 0) {
				out.write(ESCAPE);
				out.write(EXTENSION_CODE[c]);
			}
			else {
				throw new IllegalArgumentException(
						"Character U+%04X at index %d is not in the GSM 03.38 alphabet".formatted((int) c, i));
			}
		}
		return out.toByteArray();
	}

	/**
	 * Reads text received in the given encoding: unpacked septets (an escape introduces an
	 * extension character; an unknown one reads as a space, as TS 23.038 advises) or UCS-2.
	 */
	public static String decode(byte[] bytes, SmsEncoding encoding) {
		Objects.requireNonNull(bytes, "bytes");
		if (encoding == SmsEncoding.UCS_2) {
			return new String(bytes, StandardCharsets.UTF_16BE);
		}
		StringBuilder text = new StringBuilder(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			int code = bytes[i] & 0x7F;
			if (code == ESCAPE && i + 1 < bytes.length) {
				int extension = bytes[++i] & 0x7F;
				int index = indexOf(EXTENSION_CODES, (byte) extension);
				text.append(index >= 0 ? EXTENSION_CHARS.charAt(index) : ' ');
			}
			else {
				text.append(code == ESCAPE ? ' ' : BASIC.charAt(code));
			}
		}
		return text.toString();
	}

	private static int indexOf(byte[] values, byte value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/** Septets of the text in GSM-7, or -1 when a character is outside both tables. */
	private static int gsmSeptets(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = septetsOf(text.charAt(i));
			if (width < 0) {
				return -1;
			}
			septets += width;
		}
		return septets;
	}

	private static int septetsOf(char c) {
		if (BASIC_CODE[c] >= 0) {
			return 1;
		}
		return EXTENSION_CODE[c] >= 0 ? 2 : -1;
	}

	/** Parts of a GSM-7 text, counting the part an escape pair is pushed into whole. */
	private static int gsmParts(String text, int septets) {
		if (septets <= SmsEncoding.GSM_7.singleCapacity()) {
			return 1;
		}
		int parts = 1;
		int used = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = septetsOf(text.charAt(i));
			if (used + width > SmsEncoding.GSM_7.partCapacity()) {
				parts++;
				used = 0;
			}
			used += width;
		}
		return parts;
	}

	/** Parts of a UCS-2 text, never splitting a surrogate pair. */
	private static int ucs2Parts(String text) {
		if (text.length() <= SmsEncoding.UCS_2.singleCapacity()) {
			return 1;
		}
		int parts = 1;
		int used = 0;
		int i = 0;
		while (i < text.length()) {
			int width = Character.charCount(text.codePointAt(i));
			if (used + width > SmsEncoding.UCS_2.partCapacity()) {
				parts++;
				used = 0;
			}
			used += width;
			i += width;
		}
		return parts;
	}
}
