package dev.leakwatch.core.heap;

import dev.leakwatch.core.model.Culprit;

/**
 * A class whose live bytes grew steadily across a series of class histograms.
 *
 * @param className       Java source name
 * @param bytesGrowth     live bytes gained from the first to the last histogram
 * @param instancesGrowth live instances gained from the first to the last histogram (may be negative)
 * @param firstBytes      live bytes in the first histogram
 * @param lastBytes       live bytes in the last histogram
 * @param jdkType         a JDK type ({@code byte[]}, {@code java.util.HashMap$Node}, ...): the leak is the
 *                        application's that allocates or holds it, to be named from JFR old-object samples
 */
public record ClassGrowth(
        String className, long bytesGrowth, long instancesGrowth, long firstBytes, long lastBytes, boolean jdkType) {

    /** This growth as a culprit of a heap finding, without origin yet. */
    public Culprit toCulprit() {
        return Culprit.ofClass(className, bytesGrowth, instancesGrowth);
    }
}
