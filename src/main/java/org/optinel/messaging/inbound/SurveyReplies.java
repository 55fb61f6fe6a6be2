package org.optinel.messaging.inbound;

import java.util.Optional;

import org.optinel.contacts.ContactId;

/**
 * A module that asked people a question by SMS and takes their replies as answers (the
 * re-permission campaigns' surveys, SEED-03). Messaging declares it and calls every bean of it;
 * the module that asks implements it, so that messaging never depends on that module.
 * <p>
 * Called inside the transaction that receives the message, for every new message except opt-out
 * and help words, which keep their meaning whoever sends them (KW-01, KW-03). An implementation
 * that takes the message records what the answer causes (consent events and the like) in that
 * transaction; one that does not writes nothing.
 */
public interface SurveyReplies {

	/**
	 * The answer that {@code sms} gives to a question its sender was asked, once taken; empty when it
	 * answers none, and the message then goes the usual way (opt-in word or interaction).
	 * @param holder the contact holding the sender's number, or {@code null} for none
	 */
	Optional<SurveyAnswer> answer(ReceivedSms sms, ContactId holder);
}
