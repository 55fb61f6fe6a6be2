package org.optinel.messaging;

/**
 * How an SMS's text travels: the GSM 03.38 default alphabet (7-bit septets) when every character
 * fits it, UCS-2 (UTF-16 code units) otherwise. The sizes are those of 3GPP TS 23.040 with a 6-byte
 * concatenation header (8-bit reference) in every part of a long message.
 */
public enum SmsEncoding {

	/** GSM 03.38 default alphabet; extension-table characters take two septets (escape + code). */
	GSM_7(160, 153, (byte) 0x00),

	/** UCS-2; a character outside the Basic Multilingual Plane (most emoji) takes two code units. */
	UCS_2(70, 67, (byte) 0x08);

	private final int singleCapacity;

	private final int partCapacity;

	private final byte dataCoding;

	SmsEncoding(int singleCapacity, int partCapacity, byte dataCoding) {
		this.singleCapacity = singleCapacity;
		this.partCapacity = partCapacity;
		this.dataCoding = dataCoding;
	}

	/** Units (septets or code units) that fit one message sent alone. */
	public int singleCapacity() {
		return this.singleCapacity;
	}

	/** Units that fit one part of a concatenated message, the header taking the rest. */
	public int partCapacity() {
		return this.partCapacity;
	}

	/** The SMPP {@code data_coding} value for this encoding (SMSC default alphabet, or UCS-2). */
	public byte dataCoding() {
		return this.dataCoding;
	}
}
