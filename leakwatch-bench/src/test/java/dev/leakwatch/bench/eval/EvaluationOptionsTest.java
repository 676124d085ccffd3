package dev.leakwatch.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationOptionsTest {

    @Test
    void defaultsEvaluateEveryFixtureWithItsRecommendedDuration() {
        EvaluationOptions o = EvaluationOptions.parse();

        assertThat(o.fixtures()).isEqualTo(FixtureCatalogue.all());
        assertThat(o.leakwatch()).isEqualTo(Path.of("bin", "leakwatch"));
        assertThat(o.javaHome()).isNull();
        assertThat(o.quick()).isFalse();
        assertThat(o.durationFor(FixtureCatalogue.byName("ThreadLeakService"))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void selectsASubsetInCatalogueOrderAndOverridesTheRest() {
        EvaluationOptions o = EvaluationOptions.parse("--only", "FdChurn,HeapLeakService", "--java-home", "/jdk25",
                "--duration", "2m", "--quick", "--out", "table.md", "--json-dir", "raw", "--leakwatch", "/opt/leakwatch");

        assertThat(o.fixtures()).extracting(FixtureCatalogue.Entry::name).containsExactly("HeapLeakService", "FdChurn");
        assertThat(o.javaHome()).isEqualTo("/jdk25");
        assertThat(o.durationFor(o.fixtures().get(0))).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.quick()).isTrue();
        assertThat(o.out()).isEqualTo(Path.of("table.md"));
        assertThat(o.jsonDir()).isEqualTo(Path.of("raw"));
        assertThat(o.leakwatch()).isEqualTo(Path.of("/opt/leakwatch"));
    }

    @Test
    void warmUpMayBeZeroButTheWindowMayNot() {
        assertThat(EvaluationOptions.parse("--warmup", "0s").warmup()).isZero();
        assertThatThrownBy(() -> EvaluationOptions.parse("--duration", "0s")).hasMessageContaining("--duration");
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> EvaluationOptions.parse("--only", "NoSuchFixture")).hasMessageContaining("no fixture named 'NoSuchFixture'");
        assertThatThrownBy(() -> EvaluationOptions.parse("--duration", "90")).hasMessageContaining("--duration must look like 60s or 2m");
        assertThatThrownBy(() -> EvaluationOptions.parse("--duration", "0s")).hasMessageContaining("got '0s'");
        assertThatThrownBy(() -> EvaluationOptions.parse("--warmup", "1h")).hasMessageContaining("--warmup must look like");
        assertThatThrownBy(() -> EvaluationOptions.parse("--out")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> EvaluationOptions.parse("--verbose", "yes")).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> EvaluationOptions.parse("stray")).hasMessage("unexpected argument 'stray'");
    }
}
