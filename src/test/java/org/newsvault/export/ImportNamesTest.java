package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small naming rules of an import: outlet ids, domains, archive file names. */
class ImportNamesTest {
    @ParameterizedTest
    @CsvSource({
        "Example News, example-news",
        "BBC, bbc",
        "  --Radio Free--  , radio-free",
        "自由亚洲电台, site-9d62b3",
        "BBC中文网, site-cd7a4d",
        "!!!, site-8a4b51"})
    void outletIdsAreDeterministicAndAscii(String name, String id) {
        String got = OutletResolver.idFor(name);
        assertThat(got).matches("[a-z0-9-]{1,64}");
        if (id.startsWith("site-")) {
            assertThat(got).isEqualTo("site-" + org.newsvault.model.ContentHash.sha256Hex(name).substring(0, 6));
        } else {
            assertThat(got).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "https://www.rfa.org/mandarin/a.html, rfa.org",
        "https://cn.nytimes.com/china/x/, nytimes.com",
        "https://www.bbc.co.uk/zhongwen/simp, bbc.co.uk",
        "https://user:pw@Example.COM:8443/x?y|z, example.com",
        "https://127.0.0.1:8080/a, 127.0.0.1",
        "https://[::1]/a, [::1]",
        "not a url, "})
    void domains(String url, String domain) {
        assertThat(OutletResolver.domain(url)).isEqualTo(domain);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1048575.md|1048575.md",
        "2020-07-19-英国制裁中国官员？.md|2020-07-19-英国制裁中国官员？.md",
        ".hidden.md|_.hidden.md",
        "a.tmp-123.md|a-tmp-123.md",
        "what?*.md|what--.md",
        "tab\there.md|tab-here.md"})
    void archiveFileNamesAreTheirOwnMadeSafe(String name, String safe) {
        assertThat(ImportLedger.safeName(name)).isEqualTo(safe);
    }

    @org.junit.jupiter.api.Test
    void longNamesAreCutKeepingTheExtension() {
        String name = "标".repeat(100) + ".md";
        String safe = ImportLedger.safeName(name);
        assertThat(safe).endsWith(".md");
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ImportLedger.MAX_NAME_BYTES);
    }
}
