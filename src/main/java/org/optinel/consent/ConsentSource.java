package org.optinel.consent;

/** Where an answer was collected; decides which evidence a grant needs (GDPR-02). */
public enum ConsentSource {
	WEB_FORM, API, SMS_REPLY, EMAIL_CLICK, PREFERENCE_CENTRE, IMPORT, ADMIN
}
