package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LazyImagesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <img data-src="/a.jpg">                                                    | <img data-src="/a.jpg" src="/a.jpg">
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-original="/b.jpg"> | <img data-original="/b.jpg" src="/b.jpg">
        <img src="/lazy/blank.gif" data-lazy-src="/c.jpg">                         | <img data-lazy-src="/c.jpg" src="/c.jpg">
        <img data-srcset="/s.jpg 1x, /l.jpg 2x">                                   | <img data-srcset="/s.jpg 1x, /l.jpg 2x" srcset="/s.jpg 1x, /l.jpg 2x">
        <img class="lazy" src="/spinner.gif" data-anything="/d.png">               | <img class="lazy" src="/d.png" data-anything="/d.png">
        <img src="/real.jpg" alt="x">                                              | <img src="/real.jpg" alt="x">
        <img src="data:image/png;base64,iVBORw0KGgo="><noscript><img src="/e.jpg"></noscript> | <img src="/e.jpg">
        <img class="ph"><noscript><img src="/f.jpg" alt="f"></noscript>           | <img src="/f.jpg" alt="f">
        <span><img data-src="/g.jpg"></span><noscript><img src="/g.jpg"></noscript> | <span><img src="/g.jpg"></span>
        <noscript><img src="/h.jpg"></noscript>                                    | <img src="/h.jpg">
        <noscript><p>请启用脚本</p></noscript>                                       | <noscript><p>请启用脚本</p></noscript>
        <figure data-src="/i.jpg"><figcaption>说明</figcaption></figure>           | <figure data-src="/i.jpg"><figcaption>说明</figcaption><img src="/i.jpg"></figure>
        """)
    void makesLazyImagesReal(String html, String expected) {
        Element body = Jsoup.parseBodyFragment(html).body();
        body.ownerDocument().outputSettings().prettyPrint(false);
        LazyImages.fix(body);
        assertThat(body.html()).isEqualTo(expected);
    }
}
