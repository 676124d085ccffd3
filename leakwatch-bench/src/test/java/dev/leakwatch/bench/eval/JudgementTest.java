package dev.leakwatch.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgementTest {

    @Test
    void aLeakWithItsCulpritOnTopIsCorrectAndNamed() {
        FixtureCatalogue.Entry entry = entry("heap", "MetricPoint");

        Judgement j = Judgement.of(entry, Map.of(), Samples.reading(Samples.HEAP_LEAK));

        assertThat(j.correct()).isTrue();
        assertThat(j.culprits()).singleElement().satisfies(c -> {
            assertThat(c.rank()).isEqualTo(1);
            assertThat(c.named()).isTrue();
        });
    }

    @Test
    void aJdkContainerTypeCountsThroughItsAllocationSite() {
        Judgement j = Judgement.of(FixtureCatalogue.byName("ContainerLeakService"), Map.of(), Samples.reading(Samples.CONTAINER_LEAK));

        assertThat(j.correct()).isTrue();
        assertThat(j.culprits().get(0).rank()).isEqualTo(3);
        assertThat(j.culprits().get(0).named()).isTrue();
    }

    @Test
    void aCulpritBelowTheTopThreeIsListedButNotNamed() {
        FixtureCatalogue.Entry entry = entry("heap", "segment-");

        Judgement j = Judgement.of(entry, Map.of(), Samples.reading(Samples.HEAP_LEAK));

        assertThat(j.culprits().get(0).rank()).isEqualTo(3);
        Judgement.CulpritRank fourth = new Judgement.CulpritRank("heap", "x", true, 4);
        assertThat(fourth.named()).isFalse();
    }

    @Test
    void socketCulpritsAreMatchedOnTheFixturesPort() {
        FixtureCatalogue.Entry socket = FixtureCatalogue.byName("SocketLeakService");

        assertThat(Judgement.of(socket, Map.of("port", "40123"), Samples.reading(Samples.SOCKET_LEAK)).culprits().get(0).rank()).isEqualTo(1);
        assertThat(Judgement.of(socket, Map.of("port", "40124"), Samples.reading(Samples.SOCKET_LEAK)).culprits().get(0).rank()).isZero();
    }

    @Test
    void everyExpectedResourceMustBeFoundAsALeak() {
        FixtureCatalogue.Entry nativeLeak = FixtureCatalogue.byName("NativeLeak");

        Judgement both = Judgement.of(nativeLeak, Map.of(), Samples.reading(Samples.NATIVE_AND_FDS));
        Judgement heapOnly = Judgement.of(nativeLeak, Map.of(), Samples.reading(Samples.HEAP_LEAK));

        assertThat(both.correct()).isTrue();
        assertThat(both.culprits()).extracting(Judgement.CulpritRank::expected).containsExactly(null, "journal-");
        assertThat(both.culprits().get(1).rank()).isEqualTo(1);
        assertThat(heapOnly.correct()).isFalse();
        assertThat(heapOnly.culprits()).noneMatch(Judgement.CulpritRank::findingPresent);
    }

    @Test
    void aSuspectFindingIsNotEnoughForALeakingFixture() {
        Judgement j = Judgement.of(FixtureCatalogue.byName("ContainerLeakService"), Map.of(), Samples.reading(Samples.CONTAINER_LEAK));
        Judgement fdsOnly = Judgement.of(entry("fds", "anything"), Map.of(), Samples.reading(Samples.CONTAINER_LEAK));

        assertThat(j.correct()).isTrue();
        assertThat(fdsOnly.correct()).isFalse();
    }

    @Test
    void benignFixturesAreRightOnlyWithNoLeak() {
        FixtureCatalogue.Entry benign = FixtureCatalogue.byName("WarmupThenPlateau");

        assertThat(Judgement.of(benign, Map.of(), Samples.reading(Samples.NO_LEAK)).correct()).isTrue();
        assertThat(Judgement.of(benign, Map.of(), Samples.reading(Samples.HEAP_LEAK)).correct()).isFalse();
        assertThat(Judgement.of(benign, Map.of(), Samples.reading(Samples.INCONCLUSIVE)).correct()).isFalse();
        assertThat(Judgement.of(benign, Map.of(), Samples.reading(Samples.NO_LEAK)).culprits()).isEmpty();
    }

    private static FixtureCatalogue.Entry entry(String resource, String culprit) {
        return new FixtureCatalogue.Entry("Test", FixtureCatalogue.Launcher.JAVA, "x.Test", List.of(), true,
                List.of(new FixtureCatalogue.Expectation(resource, culprit)), Duration.ofSeconds(60), List.of(), "test");
    }
}
