package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatParserTest {

    @Test
    void recordedJvmStat() {
        StatParser.Stat stat = StatParser.parse(Fixture.read("proc/9058/stat").strip());

        assertThat(stat).isEqualTo(new StatParser.Stat(9058, "java", "S", 1, 18, 6, 20, 53009));
    }

    @Test
    void recordedKernelThreadStat() {
        StatParser.Stat stat = StatParser.parse(Fixture.read("proc/2/stat").strip());

        assertThat(stat.comm()).isEqualTo("kthreadd");
        assertThat(stat.ppid()).isZero();
        assertThat(stat.threads()).isEqualTo(1);
    }

    @Test
    void namesWithSpacesAndParenthesesEndAtTheLastParenthesis() {
        String line = Fixture.read("proc/9058/stat").strip().replace("(java)", "(we(ird) na)me)");

        assertThat(StatParser.parse(line).comm()).isEqualTo("we(ird) na)me");
        assertThat(StatParser.parse(line).state()).isEqualTo("S");
    }

    @Test
    void malformedLinesAreRejectedWithTheText() {
        assertThatThrownBy(() -> StatParser.parse("garbage"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage");
        assertThatThrownBy(() -> StatParser.parse("12 (x) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fields");
        assertThatThrownBy(() -> StatParser.parse("x (java) S 1 9006 2721 0 -1 4194304 5791 0 0 0 18 6 0 0 20 0 20 0 53009"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pid");
    }
}
