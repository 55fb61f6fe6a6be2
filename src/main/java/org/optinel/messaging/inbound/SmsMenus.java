package org.optinel.messaging.inbound;

import java.util.Optional;

import org.optinel.contacts.ContactId;

/**
 * A module that answers a menu word by SMS with a reply of its own (the preference centre's
 * {@code PREF}, which answers with a link). Messaging declares it and offers it every message that
 * is no keyword of the tenant and no survey answer; the module that answers implements it, so that
 * messaging never depends on that module.
 * <p>
 * Called inside the transaction that receives the message. Opt-out, opt-in and help words are never
 * offered: the tenant's keywords keep their meaning (KW-01..03). An implementation must not lift a
 * suppression or record consent: a menu answers, the person then acts on what it answered.
 */
public interface SmsMenus {

	/**
	 * The reply that {@code sms} asks for, or empty when it is none of this menu's words, and the
	 * message then goes the usual way (an interaction).
	 * @param holder the contact holding the sender's number, or {@code null} for none
	 * @param sender the name replies sign with (EP-03)
	 */
	Optional<MenuReply> answer(ReceivedSms sms, ContactId holder, String sender);
}
