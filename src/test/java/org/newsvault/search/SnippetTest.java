package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTest {
    @Test
    void htmlEscapesTheTextAndMarksTheMatches() {
        String text = "<script>alert('x')</script> 习近平 & \"co\"";
        int at = text.indexOf("习近平");
        Snippet s = new Snippet(text, List.of(new Snippet.Range(at, at + 3)), true, false);
        assertThat(s.html()).isEqualTo("\u2026&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>习近平</mark> &amp; &quot;co&quot;");
    }

    @Test
    void rangesMustLieInTheText() {
        assertThatThrownBy(() -> new Snippet("abc", List.of(new Snippet.Range(1, 4)), false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
