package org.optinel.preferences;

import java.util.Set;

/**
 * What a person sent from the preference page.
 *
 * @param ticked the keys of the boxes that were ticked when the page was sent ({@link PreferencePage.Choice#key()})
 * @param ip the address the page was sent from
 * @param userAgent the browser's user agent
 */
public record PreferenceForm(Set<String> ticked, String ip, String userAgent) {

	public PreferenceForm {
		ticked = ticked == null ? Set.of() : Set.copyOf(ticked);
	}
}
