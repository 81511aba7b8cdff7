/**
 * The last HTML step: untrusted article HTML becomes safe, self-contained archive HTML.
 *
 * <p>{@link org.newsvault.sanitize.HtmlSanitizer} runs a pre-pass on the parsed fragment (drops
 * executable and embedded elements with their content, tracking pixels, unsafe URLs, tracking query
 * parameters; makes URLs absolute; optionally routes images through an image proxy), then jsoup's
 * {@code Cleaner} with the one policy built by {@link org.newsvault.sanitize.NewsSafelist}. Nothing
 * touches the HTML after the {@code Cleaner} but serialization. Work per body is bounded by an
 * {@link org.newsvault.model.WorkBudget} (element cap, parser depth cap, deadline).
 */
package org.newsvault.sanitize;
