package org.newsvault.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what Node 20's {@code new URL(u).href} gives (the WHATWG reference). */
class UrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # Chinese path, as in seed 001 (DW)
            https://www.dw.com/zh/俄罗斯朝鲜防务互助意味着什么？/a-69427968 | https://www.dw.com/zh/%E4%BF%84%E7%BD%97%E6%96%AF%E6%9C%9D%E9%B2%9C%E9%98%B2%E5%8A%A1%E4%BA%92%E5%8A%A9%E6%84%8F%E5%91%B3%E7%9D%80%E4%BB%80%E4%B9%88%EF%BC%9F/a-69427968
            # spaces inside the path, even trailing ones, as the older writer's DW files show
            https://www.dw.com/zh/在伊拉克被绑架的德国人获释  /a-54305411 | https://www.dw.com/zh/%E5%9C%A8%E4%BC%8A%E6%8B%89%E5%85%8B%E8%A2%AB%E7%BB%91%E6%9E%B6%E7%9A%84%E5%BE%B7%E5%9B%BD%E4%BA%BA%E8%8E%B7%E9%87%8A%20%20/a-54305411
            https://www.dw.com/zh/疫情:香港/a-1                  | https://www.dw.com/zh/%E7%96%AB%E6%83%85:%E9%A6%99%E6%B8%AF/a-1
            # already normal: unchanged
            https://www.dw.com/zh/%E4%BF%84/a-1                 | https://www.dw.com/zh/%E4%BF%84/a-1
            # existing escapes are kept as written, even lower-case or broken ones
            https://www.dw.com/zh/%e4%bf%84/a%2fb%zz/%1         | https://www.dw.com/zh/%e4%bf%84/a%2fb%zz/%1
            # IDN host, non-ASCII query and fragment
            https://例子.测试/路径?查询=值#片段                    | https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?%E6%9F%A5%E8%AF%A2=%E5%80%BC#%E7%89%87%E6%AE%B5
            http://例子。测试/                                  | http://xn--fsqu00a.xn--0zwm56d/
            http://ａｂｃ.com/                                  | http://abc.com/
            # upper-case scheme and host, default port, bare origin
            HTTP://EXAMPLE.com:80                              | http://example.com/
            HTTPS://WWW.RFA.ORG:443/Mandarin/A.html            | https://www.rfa.org/Mandarin/A.html
            https://example.com:0443/x                         | https://example.com/x
            http://example.com:8080                            | http://example.com:8080/
            http://example.com:                                | http://example.com/
            https://cn.nytimes.com                             | https://cn.nytimes.com/
            http://Ex%41mple.com/                              | http://example.com/
            # percent-encode sets differ per component; nothing is decoded, the query is not reordered
            'http://a/^`{}|''"<> x?q=''"<>`{}^ x#f''"<>`{} x'  | 'http://a/^%60%7B%7D|''%22%3C%3E%20x?q=%27%22%3C%3E`{}^%20x#f''%22%3C%3E%60{}%20x'
            http://example.com/?b=2&a=1&a=%20                  | http://example.com/?b=2&a=1&a=%20
            http://example.com/😀?😀#😀                          | http://example.com/%F0%9F%98%80?%F0%9F%98%80#%F0%9F%98%80
            http://example.com/?                               | http://example.com/?
            http://example.com/#                               | http://example.com/#
            http://example.com#c?d                             | http://example.com/#c?d
            # dot segments, backslashes, slashes, whitespace around and tabs inside
            http://a/b/../c/./d/%2e%2E/e                       | http://a/c/e
            http://example.com/a/..                            | http://example.com/
            http://example.com/a/.                             | http://example.com/a/
            http://a\\b\\c                                     | http://a/b/c
            http:example.com                                   | http://example.com/
            https:////example.com//a                           | https://example.com//a
            http:///x                                          | http://x/
            '  http://example.com/x  '                         | http://example.com/x
            'http://exa\tmple.com/x'                           | http://example.com/x
            # user info, IPv4 and IPv6 hosts
            http://user:pa ss@host/                            | http://user:pa%20ss@host/
            http://:@example.com/                              | http://example.com/
            http://a@b@example.com/                            | http://a%40b@example.com/
            http://0x7f.1/                                     | http://127.0.0.1/
            http://0300.0250.0.1/                              | http://192.168.0.1/
            http://4294967295/                                 | http://255.255.255.255/
            http://[::ffff:1.2.3.4]:0443/                      | http://[::ffff:102:304]:443/
            http://[1:0:0:2:0:0:0:3]/                          | http://[1:0:0:2::3]/
            http://[0:0:1:0:0:1:0:0]/                          | http://[::1:0:0:1:0:0]/
            http://[1:2:3:4:5:6:7::]/                          | http://[1:2:3:4:5:6:7:0]/
            http://example.com./                               | http://example.com./
            """)
    void whatwgForm(String input, String expected) {
        assertThat(Urls.whatwg(input)).isEqualTo(expected);
        assertThat(Urls.whatwg(expected)).as("idempotent").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.rfa.org/a.html?utm_source=twitter&utm_medium=social    | https://www.rfa.org/a.html
            https://www.rfa.org/a.html?id=3&UTM_Campaign=x&fbclid=abc&x=1#top  | https://www.rfa.org/a.html?id=3&x=1
            http://www.bbc.com/zhongwen/simp/world-55565454                     | https://www.bbc.com/zhongwen/simp/world-55565454
            http://example.com:443/x                                            | https://example.com/x
            http://example.com:8080/x                                           | https://example.com:8080/x
            https://example.com/?                                              | https://example.com/
            https://example.com/#                                              | https://example.com/
            https://example.com/?&&gclid=1&                                    | https://example.com/
            https://example.com/a?from=rss&ref=home&spm=1.2                    | https://example.com/a?from=rss&ref=home&spm=1.2
            https://www.dw.com/zh/俄/a-1?maca=chi-rss                           | https://www.dw.com/zh/%E4%BF%84/a-1?maca=chi-rss
            https://example.com/a?b=1&a=2&mc_cid=x&mc_eid=y                    | https://example.com/a?b=1&a=2
            """)
    void canonicalForm(String input, String expected) {
        assertThat(Urls.canonical(input)).isEqualTo(expected);
        assertThat(Urls.canonical(expected)).as("idempotent").isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "/relative/path", "example.com/x", "ftp://example.com/", "mailto:x@y.z",
            "javascript:alert(1)", "http://", "http:///", "http://exa mple.com/", "http://exa<mple.com/",
            "http://ex%ample.com/", "http://a.b.c.123/", "http://1.2.3.4.5/", "http://4294967296/", "http://256.1.1.1/",
            "http://foo.09/", "http://[::1/", "http://[1::2::3]/", "http://[fe80::1%25eth0]/", "https://example.com:65536/",
            "https://example.com:8o/", "http://a..b\u00ad\u0000/"})
    void invalidUrlsAreRejectedWithAReason(String input) {
        assertThatThrownBy(() -> Urls.whatwg(input)).isInstanceOf(IllegalArgumentException.class)
                .extracting(Throwable::getMessage).asString().isNotBlank().doesNotContain("\n");
        assertThatThrownBy(() -> Urls.canonical(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void overlongInputIsRejected() {
        assertThatThrownBy(() -> Urls.whatwg("https://a.example/" + "x".repeat(Urls.MAX_LENGTH)))
                .hasMessageContaining("longer than");
    }
}
