package org.optinel.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web layer ({@code optinel.web.*}).
 *
 * @param maxJsonBody the largest request body accepted by JSON endpoints
 * @param maxImportBody the largest file accepted by the import endpoints
 * @param maxBatchBody the largest body accepted by the batch endpoints ({@code .../batch}: up to 10,000 items)
 */
@ConfigurationProperties("optinel.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxJsonBody, @DefaultValue("512MB") DataSize maxImportBody,
		@DefaultValue("32MB") DataSize maxBatchBody) {

	public WebProperties {
		if (maxJsonBody.toBytes() < 1024) {
			throw new IllegalStateException("optinel.web.max-json-body must be at least 1KB");
		}
		if (maxImportBody.toBytes() < maxJsonBody.toBytes()) {
			throw new IllegalStateException("optinel.web.max-import-body must not be smaller than optinel.web.max-json-body");
		}
		if (maxBatchBody.toBytes() < maxJsonBody.toBytes()) {
			throw new IllegalStateException("optinel.web.max-batch-body must not be smaller than optinel.web.max-json-body");
		}
	}
}
