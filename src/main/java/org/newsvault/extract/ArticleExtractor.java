package org.newsvault.extract;

import java.net.URI;

/** PLACEHOLDER until the extract branch lands. */
public final class ArticleExtractor implements Extractor {
    @Override
    public Extracted extract(String html, URI pageUrl, ExtractRules rules) {
        var doc = org.jsoup.Jsoup.parse(html, pageUrl.toString());
        for (String r : rules.remove()) doc.select(r).remove();
        var el = rules.contentSelector() == null ? doc.body() : doc.selectFirst(rules.contentSelector());
        return new Extracted(doc.title(), null, null, el == null ? null : el.html());
    }
}
