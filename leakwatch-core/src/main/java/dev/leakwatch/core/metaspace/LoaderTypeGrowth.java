package dev.leakwatch.core.metaspace;

import dev.leakwatch.core.model.Culprit;

/**
 * A class-loader type whose loaded classes or live instances grew across class-loader statistics.
 *
 * @param loaderType       class name of the loaders
 * @param classesGrowth    classes (hidden ones included) gained from the first to the last snapshot
 * @param instancesGrowth  live loaders of this type gained from the first to the last snapshot
 * @param chunkBytesGrowth metaspace chunk bytes gained from the first to the last snapshot
 * @param lastClasses      classes held at the last snapshot
 * @param lastInstances    live loaders of this type at the last snapshot
 */
public record LoaderTypeGrowth(
        String loaderType,
        long classesGrowth,
        long instancesGrowth,
        long chunkBytesGrowth,
        long lastClasses,
        long lastInstances) {

    /** This growth as a culprit of a metaspace finding. */
    public Culprit toCulprit() {
        return Culprit.ofClassLoader(loaderType, classesGrowth, instancesGrowth);
    }
}
