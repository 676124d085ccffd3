package dev.leakwatch.core.threads;

import dev.leakwatch.core.fd.GrowthRanking;
import dev.leakwatch.core.model.Culprit;
import java.util.List;

/** Names the thread groups that grow across snapshots of one process. */
public final class ThreadGrowth {

    private ThreadGrowth() {}

    /**
     * Thread-stack culprits, steadiest growth first (see {@link GrowthRanking}); each carries its count in the last
     * sample, its growth (last minus first), its state and key frames (both left out when unknown).
     *
     * @throws IllegalArgumentException with fewer than 2 samples or samples out of time order
     */
    public static List<Culprit> culprits(List<ThreadSample> samples) {
        List<GrowthRanking.Ranked<ThreadStackGroup>> ranked = GrowthRanking.rank(
                samples.stream().map(ThreadSample::timeMillis).toList(),
                samples.stream().map(ThreadSample::groups).toList());
        return ranked.stream()
                .map(r -> Culprit.ofThreads(r.key().namePattern(), r.count(), r.growth(), r.key().state(),
                        r.key().frames().isEmpty() ? null : r.key().frames()))
                .toList();
    }
}
