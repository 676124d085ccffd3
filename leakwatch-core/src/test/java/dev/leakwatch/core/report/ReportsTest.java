package dev.leakwatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.SampleDiagnoses;
import dev.leakwatch.core.model.Unit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private final Diagnosis diagnosis = SampleDiagnoses.contractExample();

    @Test
    void textReportLeadsWithTheVerdictAndNamesCulpritsInOrder() {
        String text = TextReport.render(diagnosis);

        assertThat(text).contains("verdict: LEAK");
        assertThat(text).contains("heap: LEAK  +2 MiB/min");
        assertThat(text).contains("limit 256 MiB").contains("exhausted in 90 min");
        assertThat(text.indexOf("com.example.MetricPoint")).isLessThan(text.indexOf("fetch-*"));
        assertThat(text).contains("allocated at com.example.MetricCache.put(MetricCache.java:42)");
        assertThat(text).contains("held by static com.example.Agent.cache -> java.util.HashMap.table");
        assertThat(text).contains("(1 forced full GC)");
    }

    @Test
    void htmlReportIsSelfContained() {
        String html = HtmlReport.render(diagnosis);

        assertThat(html).startsWith("<!DOCTYPE html>");
        // Nothing is fetched when the file opens: no external scripts, styles, images or fonts.
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=");
        assertThat(html).doesNotContainPattern("(?i)<link[^>]+href=");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)url\\(");
    }

    @Test
    void htmlReportHasAChartPerResourceWithSamplesAndFit() {
        String html = HtmlReport.render(diagnosis);

        assertThat(count(html, "<svg")).isEqualTo(2);
        assertThat(count(html, "class=\"sample\"")).isEqualTo(3 + 2);
        assertThat(count(html, "class=\"fit\"")).isEqualTo(2);
        assertThat(html).contains("<code>com.example.MetricPoint</code>");
        assertThat(html).contains("allocated at <code>com.example.MetricCache.put(MetricCache.java:42)</code>");
    }

    @Test
    void htmlReportEmbedsTheDiagnosisJsonIntact() throws Exception {
        String html = HtmlReport.render(diagnosis);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"diagnosis\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        Diagnosis back = DiagnosisJson.read(m.group(1));
        assertThat(back.findings()).isEqualTo(diagnosis.findings());
    }

    @Test
    void htmlEscapesHostileNames() {
        String html = HtmlReport.render(SampleDiagnoses.withCommand("java -jar <script>alert(1)</script>.jar"));
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)");
    }

    @Test
    void amountsPickReadableUnits() {
        assertThat(Amounts.amount(1536, Unit.BYTES)).isEqualTo("1.5 KiB");
        assertThat(Amounts.amount(268_435_456, Unit.BYTES)).isEqualTo("256 MiB");
        assertThat(Amounts.amount(12, Unit.THREADS)).isEqualTo("12 threads");
        assertThat(Amounts.rate(-2048, Unit.BYTES)).isEqualTo("-2 KiB/min");
        assertThat(Amounts.duration(90)).isEqualTo("90 s");
        assertThat(Amounts.duration(5400)).isEqualTo("90 min");
        assertThat(Amounts.duration(4 * 86400)).isEqualTo("4 days");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
