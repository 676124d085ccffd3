package dev.leakwatch.core.detect;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.series.Sample;
import java.util.List;

/**
 * What class histograms showed. Each histogram follows a full GC, so its total is the true live
 * set: the floor that after-young-GC readings (which include promoted garbage) only bound from above.
 *
 * @param liveBytes      total bytes of each histogram, in time order
 * @param growingClasses classes whose bytes grew across every histogram, most growth first
 */
public record HeapConfirmation(List<Sample> liveBytes, List<Culprit> growingClasses) {
    public HeapConfirmation {
        liveBytes = List.copyOf(liveBytes);
        growingClasses = List.copyOf(growingClasses);
    }

    public int histograms() {
        return liveBytes.size();
    }

    /** Bytes gained by the growing classes between the first and last histogram. */
    public long classGrowthBytes() {
        long sum = 0;
        for (Culprit c : growingClasses) {
            sum += c.growth() == null ? 0 : c.growth();
        }
        return sum;
    }

    /** Minutes between the first and the last histogram. */
    public double spanMinutes() {
        if (liveBytes.size() < 2) {
            return 0;
        }
        return (liveBytes.get(liveBytes.size() - 1).timeMillis() - liveBytes.get(0).timeMillis()) / 60_000.0;
    }
}
