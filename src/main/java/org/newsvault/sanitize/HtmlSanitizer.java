package org.newsvault.sanitize;

import java.net.URI;

/** PLACEHOLDER until the extract branch lands. */
public final class HtmlSanitizer implements Sanitizer {
    public HtmlSanitizer(boolean imageProxy) {}

    @Override
    public String sanitize(String html, URI baseUrl) {
        return org.jsoup.Jsoup.clean(html, baseUrl.toString(), org.jsoup.safety.Safelist.relaxed());
    }
}
