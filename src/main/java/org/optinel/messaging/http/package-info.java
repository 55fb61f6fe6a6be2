/**
 * SMS gateways over HTTP: Twilio's Messages API and a generic signed JSON webhook, each with a
 * bounded number of requests in flight and an outcome that says whether a message may have left.
 */
package org.optinel.messaging.http;
