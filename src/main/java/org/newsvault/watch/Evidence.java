package org.newsvault.watch;

/**
 * What a re-check saw, as recorded with a status change.
 *
 * @param httpStatus the HTTP status, or null (no response)
 * @param finalUrl   the URL after redirects, or null
 * @param detail     one line: the reason or error
 */
record Evidence(Integer httpStatus, String finalUrl, String detail) {
}
