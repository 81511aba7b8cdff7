package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The fast measures against the plain definitions they replace. */
class TextStatsTest {
    private static final String ALPHABET = "ab. \n\r\u0085\u2028\u2029中文，。！？\u3000\u00a0\t,\u060C“”…\uD840\uDC00\uD840";

    private static String random(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    @Test
    void fullStopIsWhatTheRegexMatched() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            String s = random(rnd);
            assertThat(TextStats.hasFullStop(s)).as("'%s'", s).isEqualTo(s.matches("(?s).*\\.( |$).*"));
        }
        assertThat(TextStats.hasFullStop("End.")).isTrue();
        assertThat(TextStats.hasFullStop("End.\r\n")).isTrue();
        assertThat(TextStats.hasFullStop("v1.2 and 3.4")).isFalse();
    }

    @Test
    void cjkCountIsTheScriptCount() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            String s = random(rnd);
            long expected = s.codePoints().filter(cp -> {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
            }).count();
            assertThat(TextStats.cjkCount(s)).as("'%s'", s).isEqualTo((int) expected);
        }
        assertThat(TextStats.cjkCount("한국어 かな カナ 漢字 abc")).isEqualTo(9);
    }

    @Test
    void clauseMarksCountEveryMark() {
        assertThat(TextStats.clauseMarks("a, b，c。d！e？f；g：h、i“j”k「l」m《n》o『p』q（r）s…t\u060C")).isEqualTo(20);
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            String s = random(rnd);
            int expected = 0;
            for (char c : s.toCharArray()) if (c == ',' || c == '\u060C' || "，。！？；：、“”「」《》『』（）…".indexOf(c) >= 0) expected++;
            assertThat(TextStats.clauseMarks(s)).isEqualTo(expected);
        }
    }

    @Test
    void blankIsWhatTheBuiltTextSays() {
        Document doc = Jsoup.parse("<div id=a> <span>\u00a0</span> </div><div id=b><i>\u3000</i></div>"
                + "<div id=c><b>x</b></div><div id=d><br><img src=a.png></div><div id=e>\u200b\u00ad</div>"
                + "<div id=f><p>  </p><p>。</p></div><div id=g></div><div id=h><script>var x;</script></div>");
        for (Element e : doc.getAllElements()) {
            assertThat(TextStats.isBlank(e)).as(e.cssSelector()).isEqualTo(e.text().isBlank());
        }
        assertThat(TextStats.isBlank(doc.getElementById("c"))).isFalse();
        assertThat(TextStats.isBlank(doc.getElementById("h"))).isTrue();
    }

    @Test
    void textInIsWhatTheDensitySaid() {
        Document doc = Jsoup.parse("<div id=a><span> </span><b>x</b></div><div id=b><span>\u3000</span></div>"
                + "<div id=c><i>y</i></div><div id=d><p><span>z</span></p></div>");
        String tags = "span,li,td,blockquote,dl,div,img,ol,p,pre,table,ul";
        for (Element e : doc.getAllElements()) {
            int total = e.text().length();
            assertThat(TextStats.hasTextIn(e, total, tags)).as(e.cssSelector())
                    .isEqualTo(TextStats.textDensity(e, tags) != 0);
        }
    }
}
