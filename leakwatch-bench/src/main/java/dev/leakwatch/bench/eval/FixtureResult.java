package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.time.Duration;
import java.util.List;

/**
 * The evaluation of one fixture.
 *
 * @param entry          the fixture
 * @param verdict        the diagnosis verdict, or {@code error} / {@code timeout} when there was none
 * @param judgement      how right it was; null when there was no diagnosis
 * @param timeToVerdict  wall time from starting {@code leakwatch diagnose} to its exit
 * @param fullGcs        full collections in the fixture while it was diagnosed; null if unknown (non-JVM)
 * @param maxRssBytes    peak resident memory ({@code VmHWM}) of the diagnose process; null if never read
 * @param note           why there is no diagnosis (first line of stderr, exit code), or null
 */
record FixtureResult(
        FixtureCatalogue.Entry entry,
        String verdict,
        Judgement judgement,
        Duration timeToVerdict,
        Long fullGcs,
        Long maxRssBytes,
        String note) {

    boolean correct() {
        return judgement != null && judgement.correct();
    }

    List<Judgement.CulpritRank> culprits() {
        return judgement == null ? List.of() : judgement.culprits();
    }
}
