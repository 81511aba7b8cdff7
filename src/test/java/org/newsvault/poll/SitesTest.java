package org.newsvault.poll;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SitesTest {
    @Test
    void registrableDomainKeepsTwoLabelsOrThreeUnderACountryCodeSecondLevel() {
        assertThat(Sites.registrableDomain("www.rfa.org")).isEqualTo("rfa.org");
        assertThat(Sites.registrableDomain("cn.nytimes.com")).isEqualTo("nytimes.com");
        assertThat(Sites.registrableDomain("rss.dw.com")).isEqualTo("dw.com");
        assertThat(Sites.registrableDomain("www.bbc.co.uk")).isEqualTo("bbc.co.uk");
        assertThat(Sites.registrableDomain("feeds.bbci.co.uk")).isEqualTo("bbci.co.uk");
        assertThat(Sites.registrableDomain("www.news.com.au")).isEqualTo("news.com.au");
        assertThat(Sites.registrableDomain("FeedX.NET.")).isEqualTo("feedx.net");
        assertThat(Sites.registrableDomain("localhost")).isEqualTo("localhost");
        assertThat(Sites.registrableDomain("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(Sites.registrableDomain("[::1]")).isEqualTo("[::1]");
        assertThat(Sites.registrableDomain(null)).isEmpty();
    }

    @Test
    void sameSiteComparesRegistrableDomainsNotHostsOrPorts() {
        assertThat(Sites.sameSite("https://www.rfa.org/mandarin/a.html", "https://www.rfa.org/mandarin/rss2.xml")).isTrue();
        assertThat(Sites.sameSite("https://cn.nytimes.com/china/1/", "https://cn.nytimes.com/rss/")).isTrue();
        assertThat(Sites.sameSite("https://www.dw.com/zh/a-1", "https://rss.dw.com/rdf/rss-chi-all")).isTrue();
        assertThat(Sites.sameSite("https://www.rfa.org/mandarin/a.html", "https://feedx.net/rss/rfa.xml")).isFalse();
        assertThat(Sites.sameSite("https://www.bbc.co.uk/zhongwen/a", "https://www.itv.co.uk/feed")).isFalse();
        assertThat(Sites.sameSite("http://localhost:1/a", "http://localhost:2/feed")).isTrue();
        assertThat(Sites.sameSite("http://localhost:1/a", "http://127.0.0.1:1/feed")).isFalse();
        assertThat(Sites.sameSite("https://x.example/a", "file:///srv/feed.xml")).isFalse();
        assertThat(Sites.sameSite("not a url", "https://x.example/")).isFalse();
    }
}
