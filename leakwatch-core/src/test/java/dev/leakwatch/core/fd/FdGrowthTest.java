package dev.leakwatch.core.fd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FdGrowthTest {

    private static final FdGroup SEGMENTS = new FdGroup("/var/data/segment-*.dat", FdType.FILE);
    private static final FdGroup DB = new FdGroup("tcp 127.0.0.1:* -> 127.0.0.1:5432", FdType.SOCKET);
    private static final FdGroup PIPES = new FdGroup("pipe", FdType.PIPE);

    @Test
    void classifiesListingsAndNamesTheGrowingPattern() {
        List<FdSample> samples = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            List<FdTarget> fds = new ArrayList<>();
            fds.add(new FdTarget(0, "/dev/null"));
            fds.add(new FdTarget(1, "pipe:[77]"));
            for (int i = 0; i < 10 * (minute + 1); i++) {
                fds.add(new FdTarget(10 + i, "/var/data/segment-" + (100 + i) + ".dat"));
            }
            samples.add(FdSample.of(minute * 60_000L, fds, SocketResolver.none()));
        }

        List<Culprit> culprits = FdGrowth.culprits(samples);

        assertThat(culprits).containsExactly(Culprit.ofFds("/var/data/segment-*.dat", "file", 40, 30));
        assertThat(culprits.get(0).kind()).isEqualTo(CulpritKind.FD);
        assertThat(samples.get(3).total()).isEqualTo(42);
    }

    @Test
    void churnDoesNotRankAboveSteadyGrowthEvenWithALargerNetDifference() {
        int[] steady = {10, 20, 30, 40, 50, 60};
        int[] churn = {10, 80, 5, 90, 8, 95};
        List<FdSample> samples = new ArrayList<>();
        for (int i = 0; i < steady.length; i++) {
            samples.add(new FdSample(i * 10_000L, Map.of(SEGMENTS, steady[i], DB, churn[i], PIPES, 2)));
        }

        List<Culprit> culprits = FdGrowth.culprits(samples);

        assertThat(culprits).extracting(Culprit::name).containsExactly(SEGMENTS.pattern(), DB.pattern());
        assertThat(culprits.get(1).growth()).as("net growth is still reported as observed").isEqualTo(85);
    }

    @Test
    void groupsThatShrinkOrOnlyWanderAreNotCulprits() {
        List<FdSample> samples = List.of(
                new FdSample(0, Map.of(SEGMENTS, 50, DB, 10)),
                new FdSample(1_000, Map.of(SEGMENTS, 40, DB, 30)),
                new FdSample(2_000, Map.of(SEGMENTS, 30, DB, 5)),
                new FdSample(3_000, Map.of(SEGMENTS, 20, DB, 40)));

        assertThat(FdGrowth.culprits(samples)).extracting(Culprit::name).containsExactly(DB.pattern());

        List<FdSample> wandering = List.of(
                new FdSample(0, Map.of(DB, 10)),
                new FdSample(1_000, Map.of(DB, 40)),
                new FdSample(2_000, Map.of(DB, 30)),
                new FdSample(3_000, Map.of(DB, 1)),
                new FdSample(4_000, Map.of(DB, 11)));
        assertThat(FdGrowth.culprits(wandering)).as("up 1 overall but S < 0").isEmpty();
    }

    @Test
    void groupsThatAppearCountFromZero() {
        List<FdSample> samples = List.of(
                new FdSample(0, Map.of(PIPES, 2)),
                new FdSample(1_000, Map.of(PIPES, 2, DB, 3)));

        assertThat(FdGrowth.culprits(samples)).containsExactly(Culprit.ofFds(DB.pattern(), "socket", 3, 3));
    }

    @Test
    void needsTwoOrderedSamples() {
        assertThatThrownBy(() -> FdGrowth.culprits(List.of(new FdSample(0, Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 samples");
        assertThatThrownBy(() -> FdGrowth.culprits(List.of(new FdSample(5, Map.of()), new FdSample(1, Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
    }
}
