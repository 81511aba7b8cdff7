package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The one-walk removals and the memoized hints against the selectors and regexes they stand for. */
class BoilerplateTest {
    private static final String PAGE = "<body><header>top</header><nav>n</nav><article><header>kept</header>"
            + "<p>text</p><div class='Share-Buttons'>s</div><div class=a2a_kit>k</div><div id=div-gpt-ad-1>ad</div>"
            + "<div style='DISPLAY: none'>hid</div><span hidden>h</span><div class='ſhare'>long s</div>"
            + "<div aria-hidden=true class=fallback-image><img src=a.png></div><div aria-hidden=TRUE>gone</div>"
            + "<footer>in article</footer></article><div role=Navigation>r</div><main><footer>kept</footer></main>"
            + "<aside><header>inner</header></aside><script>x</script><noscript><img src=b.png></noscript>"
            + "<div id=jp-relatedposts>rel</div><div class='social x'>so</div><footer>bottom</footer>"
            + "<div role=dialog><footer>f</footer></div></body>";

    private static final String WIDGETS = String.join(",",
            "script", "style", "noscript", "template", "link", "meta", "button", "input", "select", "textarea",
            "[class*=addtoany]", "[class*=a2a_]", ".sharedaddy", ".jp-relatedposts", "#jp-relatedposts",
            ".share", ".shares", ".share-buttons", ".social-share", ".social-links", ".social", ".adsbygoogle",
            "[id^=div-gpt-ad]",
            "[style~=(?i)display\\s*:\\s*none]", "[style~=(?i)visibility\\s*:\\s*hidden]", "[hidden]");
    private static final String PAGE_CHROME = String.join(",",
            "nav", "aside", "dialog", "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]",
            "[role=complementary]", "[role=menu]", "[role=menubar]", "[role=dialog]", "[role=alertdialog]",
            "[role=alert]", "[aria-modal=true]", "[aria-hidden=true]:not(.fallback-image)");

    @Test
    void widgetsAndChromeGoAsTheSelectorsRemovedThem() {
        Document fast = Jsoup.parse(PAGE);
        Boilerplate.dropWidgets(fast.body());
        Boilerplate.dropPageChrome(fast.body());

        Document slow = Jsoup.parse(PAGE);
        slow.body().select(WIDGETS).remove();
        slow.body().select(PAGE_CHROME).remove();
        for (Element e : slow.body().select("header, footer, [role=banner], [role=contentinfo]")) {
            if (e.closest("article, main, [role=main]") == null && e.parent() != null) e.remove();
        }
        assertThat(fast.body().html()).isEqualTo(slow.body().html()).contains("kept").doesNotContain("bottom");
    }

    @Test
    void aRemovedRootStillLosesItsWidgets() {
        Document doc = Jsoup.parse("<div id=root hidden><p>a</p><script>x</script></div>");
        Element root = doc.getElementById("root");
        Boilerplate.dropWidgets(root);
        assertThat(root.parent()).isNull();
        assertThat(root.html()).isEqualTo("<p>a</p>");
    }

    @Test
    void hintsAnswerAsTheRegexesDo() {
        Document doc = Jsoup.parse("<div class='sidebar'></div><div class='article-sidebar'></div><div id=byline></div>"
                + "<div class='share_box'></div><div class='post hot-news'></div><div></div><div id=comment-1 class=x></div>");
        Boilerplate.Hints hints = new Boilerplate.Hints();
        for (int round = 0; round < 2; round++) {
            for (Element e : doc.body().getAllElements()) {
                String match = Boilerplate.matchString(e);
                assertThat(hints.isUnlikely(e)).isEqualTo(Boilerplate.isUnlikely(e));
                assertThat(hints.looksLikeByline(e)).isEqualTo(Boilerplate.BYLINE.matcher(match).find());
                assertThat(hints.looksLikeShare(e)).isEqualTo(Boilerplate.SHARE.matcher(match).find());
                assertThat(hints.classWeight(e)).isEqualTo(Boilerplate.classWeight(e));
            }
        }
    }
}
