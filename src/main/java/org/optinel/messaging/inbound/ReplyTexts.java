package org.optinel.messaging.inbound;

import org.optinel.tenancy.Jurisdiction;

/**
 * The texts of the replies, in French for French tenants and in English otherwise. Each names the
 * sender (EP-03) and carries no marketing (US-03, KW-03).
 */
final class ReplyTexts {

	private ReplyTexts() {
	}

	static String of(ReplyKind kind, String sender, Jurisdiction jurisdiction) {
		boolean french = jurisdiction == Jurisdiction.FR;
		switch (kind) {
			case OPT_OUT_CONFIRMATION:
				return french ? sender + " : votre demande est prise en compte, vous ne recevrez plus de SMS de notre part."
						: sender + ": you are unsubscribed and will receive no more text messages from us.";
			case OPT_IN_CONFIRMATION:
				return french ? sender + " : vous recevrez de nouveau nos SMS. Pour ne plus en recevoir, répondez STOP."
						: sender + ": you will receive our text messages again. Reply STOP to stop them.";
			default:
				return french ? "Ces SMS vous sont envoyés par " + sender + ". Pour ne plus en recevoir, répondez STOP."
						: "These text messages are sent by " + sender + ". Reply STOP to stop them.";
		}
	}
}
