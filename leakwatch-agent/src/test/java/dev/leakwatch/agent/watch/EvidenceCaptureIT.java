package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import dev.leakwatch.jvm.diagnose.NoSuchProcessException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The leak watch's evidence capture is the diagnose engine, run briefly on the suspected process. */
class EvidenceCaptureIT {
    private FixtureProcess fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aShortCaptureOfAThreadLeakNamesThePiledUpStack() throws Exception {
        FixtureCatalogue.Entry entry = FixtureCatalogue.byName("ThreadLeakService");
        fixture = FixtureProcess.start(entry, null, List.of(), entry.quickArgs());

        Diagnosis d = EvidenceCapture.diagnoser().capture(fixture.pid(), Duration.ofSeconds(12));

        assertThat(d.target().pid()).isEqualTo(fixture.pid());
        assertThat(d.findings()).as("findings; reason: %s", d.reason()).anySatisfy(f -> {
            assertThat(f.resource()).isEqualTo(Resource.THREADS);
            assertThat(f.culprits()).extracting(Culprit::name).anyMatch(n -> n.contains("fetch-"));
        });
        assertThat(d.captures()).isNotEmpty();
    }

    @Test
    void aProcessThatIsGoneFailsTheCapture() {
        assertThatThrownBy(() -> EvidenceCapture.diagnoser().capture(Integer.MAX_VALUE - 1, Duration.ofSeconds(10)))
                .isInstanceOf(NoSuchProcessException.class);
    }
}
