package org.newsvault.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.newsvault.model.WorkBudget;

class FormulasTest {
    private static Element rewritten(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        Formulas.rewrite(body, WorkBudget.standard());
        return body;
    }

    @Test
    void mathMlBecomesTextWithScriptsAndFractions() {
        Element body = rewritten("<p>Solutions: <math><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo>"
                + "<msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow>"
                + "<mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>.</p>");
        assertThat(body.select("math")).isEmpty();
        assertThat(body.select("span.math sup").text()).isEqualTo("2");
        assertThat(body.text()).isEqualTo("Solutions: x = ( − b ± √( b2 − 4 a c ) ) / ( 2 a ).");
    }

    @Test
    void annotationsAreLeftOutButTheFormulaStays() {
        Element body = rewritten("<p><math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn>"
                + "</msup></mrow><annotation encoding=\"application/x-tex\">E=mc^2</annotation></semantics></math></p>");
        assertThat(body.text()).isEqualTo("E = m c2");
        assertThat(body.text()).doesNotContain("mc^2");
    }

    @Test
    void textWithoutMathIsUntouched() {
        String html = "<p>The <i>math</i> class met at <sup>9</sup> o'clock.</p>";
        Element body = rewritten(html);
        assertThat(body.html()).isEqualTo(Jsoup.parseBodyFragment(html).body().html());
    }
}
