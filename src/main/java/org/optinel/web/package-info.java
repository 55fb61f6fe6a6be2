/**
 * Shared web plumbing: the RFC 9457 problem responses every endpoint answers with, request size
 * limits, the public pages' per-IP rate limit and cross-site origin check, and (later) the admin
 * shell.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.optinel.web;
