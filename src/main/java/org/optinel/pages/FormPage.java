package org.optinel.pages;

import java.util.List;

/**
 * A form ready to show: the version, the language, and for each ask the exact notice text of that
 * language, which becomes the label of its checkbox.
 */
public record FormPage(HostedForm form, String language, List<String> noticeTexts) {

	public FormPage {
		noticeTexts = List.copyOf(noticeTexts);
	}
}
