package dev.leakwatch.core.fd;

import dev.leakwatch.core.model.Culprit;
import java.util.List;

/** Names the fd groups that grow across listings of one process. */
public final class FdGrowth {

    private FdGrowth() {}

    /**
     * Fd culprits, steadiest growth first (see {@link GrowthRanking}); each carries its count in the last sample
     * and its growth (last minus first).
     *
     * @throws IllegalArgumentException with fewer than 2 samples or samples out of time order
     */
    public static List<Culprit> culprits(List<FdSample> samples) {
        List<GrowthRanking.Ranked<FdGroup>> ranked = GrowthRanking.rank(
                samples.stream().map(FdSample::timeMillis).toList(),
                samples.stream().map(FdSample::counts).toList());
        return ranked.stream()
                .map(r -> Culprit.ofFds(r.key().pattern(), r.key().type().id(), r.count(), r.growth()))
                .toList();
    }
}
