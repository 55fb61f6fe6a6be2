package org.optinel.tenancy;

/** The legal system whose rule presets apply to a tenant's messages. */
public enum Jurisdiction {
	/** France: GDPR, ePrivacy as transposed in the CPCE (L34-5), CNIL guidance. */
	FR,
	/** Another EU or EEA member state: GDPR and ePrivacy without French specifics. */
	EU,
	/** United Kingdom: UK GDPR and PECR. */
	UK,
	/** United States: TCPA and CAN-SPAM. */
	US
}
