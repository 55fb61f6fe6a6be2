package org.optinel.preferences;

import java.util.List;
import java.util.Objects;

import org.optinel.consent.ConsentStatus;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.core.Channel;

/**
 * What the preference centre shows a person: one choice per channel they can be reached on and per
 * marketing purpose of the tenant (GDPR-04), in the tenant's order of purposes.
 *
 * @param sender the name the page speaks for (the tenant's)
 * @param language the language of the page, {@code fr} or {@code en}
 */
public record PreferencePage(PreferenceLink link, String sender, String language, List<Choice> choices) {

	/** The languages of the page, the default first. */
	public static final List<String> LANGUAGES = List.of("fr", "en");

	public PreferencePage {
		Objects.requireNonNull(link, "link");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(language, "language");
		choices = List.copyOf(choices);
	}

	/** Whether a notice is in a page language: {@code fr} holds {@code fr-FR} and {@code fr-CA}. */
	public static boolean inLanguage(Notice notice, String language) {
		String tag = notice.language().toLowerCase(java.util.Locale.ROOT);
		return tag.equals(language) || tag.startsWith(language + "-");
	}

	/**
	 * One box: a channel and a purpose, the current answer and the notice that ticking it grants.
	 * A box is shown ticked only when its consent is granted and the channel is not suppressed:
	 * that is the person's choice as it stands. Nothing else is ever shown ticked (GDPR-01).
	 *
	 * @param status the current answer, or {@code null} when the person never answered
	 * @param suppressed the person's identifier for this channel is on the suppression list
	 * @param notice the latest notice of the purpose in the page's language, else in another; {@code null} when there is none
	 */
	public record Choice(Channel channel, Purpose purpose, ConsentStatus status, boolean suppressed, Notice notice) {

		public Choice {
			Objects.requireNonNull(channel, "channel");
			Objects.requireNonNull(purpose, "purpose");
		}

		/** The name of the box in the page's form. */
		public String key() {
			return key(channel, purpose.key());
		}

		public static String key(Channel channel, String purpose) {
			return channel.name() + "." + purpose;
		}

		/** Whether the box is shown ticked: a grant that holds, on a channel the person has not stopped. */
		public boolean ticked() {
			return status == ConsentStatus.GRANTED && !suppressed;
		}

		/** Whether the person can change the box here: untick a ticked one, or tick one that has a notice (GDPR-02). */
		public boolean choosable() {
			return ticked() || notice != null;
		}
	}
}
