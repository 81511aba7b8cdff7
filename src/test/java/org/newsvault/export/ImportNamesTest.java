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
        "tab\there.md|tab-here.md",
        "CON|_CON",
        "con.md|_con.md",
        "Nul.tar.gz|_Nul.tar.gz",
        "aux .md|_aux .md",
        "PRN.txt|_PRN.txt",
        "COM1.md|_COM1.md",
        "com9.markdown|_com9.markdown",
        "LPT1|_LPT1",
        "lpt¹.md|_lpt¹.md",
        "COM10.md|COM10.md",
        "CONSOLE.md|CONSOLE.md",
        "icon.md|icon.md",
        "name.md.|name.md",
        "name.md . .|name.md",
        "a<b>c:d\"e?g*h\\i.md|a-b-c-d-e-g-h-i.md",
        "bell\u0007\u009f.md|bell--.md",
        "...|article.md"})
    void archiveFileNamesAreTheirOwnMadeSafe(String name, String safe) {
        assertThat(ImportLedger.safeName(name)).isEqualTo(safe);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CON", "con", "Aux", "nul.md", "PRN.TXT", "com1", "Com5.md", "COM9.txt",
        "lpt1", "LPT9.md", "COM¹", "LPT³.md", "x.", "x ", "x. .", "a:b", "a|b", "a\\b", "a\"b", "a?b", "a*b", "<a>"})
    void noImportedNameIsOneWindowsCannotHold(String name) {
        String safe = ImportLedger.safeName(name);
        assertThat(safe).doesNotEndWith(".").doesNotEndWith(" ").doesNotContainPattern("[<>:\"|?*\\\\/\\x00-\\x1f]");
        String device = safe.contains(".") ? safe.substring(0, safe.indexOf('.')).strip() : safe;
        assertThat(device).doesNotMatch("(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])");
        assertThat(OutputPaths.fileName(name, "fallback")).satisfiesAnyOf(
            n -> assertThat(n).isEqualTo("fallback"),
            n -> assertThat(n.contains(".") ? n.substring(0, n.indexOf('.')).strip() : n)
                .doesNotMatch("(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])"));
    }

    @org.junit.jupiter.api.Test
    void longNamesAreCutKeepingTheExtension() {
        String name = "标".repeat(100) + ".md";
        String safe = ImportLedger.safeName(name);
        assertThat(safe).endsWith(".md");
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ImportLedger.MAX_NAME_BYTES);
    }
}
