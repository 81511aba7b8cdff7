package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextIndexTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "<div><p>One</p>Two<span>three</span><div>four</div>five</div>",
        "<p>  Hello  <b>there</b>   now! </p><p>\u00a0x\u00a0</p>",
        "<div><span><div>block in inline</div></span>after<em>x</em></div>",
        "<pre>  keep\n   the   spaces  </pre><p>a<br>b<br><br>c</p>",
        "<div><pre><code>  code\n  </code></pre>tail</div><textarea>  raw\n text </textarea>",
        "<table><tr><td>a</td><td> b </td></tr><tr><th>c</th><td></td></tr></table>x",
        "<ul><li>one</li><li> two <a href=#>link</a></li></ul><ol><li></li></ol>",
        "<div>   </div><div><span> </span></div><p>\u3000全角\u3000</p><p>中文，标点。</p>",
        "<svg><text>svg text</text></svg><math><mi>x</mi></math><p>soft\u00adhyphen\u200bzero</p>",
        "<div><img src=a.png><span>x</span><input value=y><select><option>o1<option>o2</select></div>",
        "<div>\t\ttabs\n\nand\r\nlines</div><p><b>a</b><i>b</i> <u>c</u></p><h1> Title </h1>",
        "<div><![CDATA[ cdata ]]></div><noscript><p>ns</p></noscript><template><p>t</p></template>",
    })
    void everyElementsTextIsWhatJsoupBuilds(String html) {
        Document doc = Jsoup.parse("<title> T </title><body>" + html + "</body>");
        TextStats.TextIndex index = new TextStats.TextIndex(doc);
        for (Element e : doc.getAllElements()) {
            assertThat(index.text(e)).as(e.cssSelector()).isEqualTo(e.text());
            assertThat(index.length(e)).as(e.cssSelector()).isEqualTo(e.text().length());
        }
        TextStats.TextIndex ofBody = new TextStats.TextIndex(doc.body());
        for (Element e : doc.body().getAllElements()) assertThat(ofBody.text(e)).isEqualTo(e.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<div id=a><div id=b><p id=c>One</p><p id=d>Two</p></div><p id=e>Three</p></div>"})
    void aRemovalMakesTheAncestorsMeasureAnew(String html) {
        Document doc = Jsoup.parse(html);
        TextStats.TextIndex index = new TextStats.TextIndex(doc.body());
        Element d = doc.getElementById("d");
        index.invalidateAncestors(d);
        d.remove();
        assertThat(index.text(doc.getElementById("a"))).isEqualTo("One Three");
        assertThat(index.text(doc.getElementById("b"))).isEqualTo("One");
        assertThat(index.text(doc.getElementById("e"))).isEqualTo("Three");
        Element added = doc.getElementById("e").appendElement("span").text("new");
        assertThat(index.text(added)).isEqualTo("new");
    }
}
