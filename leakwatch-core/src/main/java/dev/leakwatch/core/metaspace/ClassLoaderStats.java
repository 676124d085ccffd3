package dev.leakwatch.core.metaspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metaspace use per class loader, as {@code VM.classloader_stats} prints it (no GC, one safepoint).
 *
 * @param loaders         one per live class loader (the boot loader included), in the order printed
 * @param totalLoaders    the command's own count of loaders
 * @param totalClasses    the command's own total of classes, hidden classes included
 * @param totalChunkBytes the command's own total of metaspace chunk bytes
 * @param totalBlockBytes the command's own total of metaspace block bytes
 */
public record ClassLoaderStats(
        List<Loader> loaders, int totalLoaders, long totalClasses, long totalChunkBytes, long totalBlockBytes) {

    public ClassLoaderStats {
        loaders = List.copyOf(loaders);
    }

    /**
     * One class loader instance.
     *
     * @param loaderType       class name of the loader ({@code <boot class loader>} for the boot loader)
     * @param classes          classes it defined, hidden classes not included
     * @param chunkBytes       metaspace chunk bytes it holds, hidden classes not included
     * @param blockBytes       metaspace block bytes it uses, hidden classes not included
     * @param hiddenClasses    hidden (JDK 15+) or VM-anonymous (JDK 11-14) classes it holds, lambdas and proxies
     * @param hiddenChunkBytes chunk bytes of those hidden classes
     * @param hiddenBlockBytes block bytes of those hidden classes
     */
    public record Loader(
            String loaderType,
            long classes,
            long chunkBytes,
            long blockBytes,
            long hiddenClasses,
            long hiddenChunkBytes,
            long hiddenBlockBytes) {

        Loader withHidden(long hiddenClassCount, long hiddenChunk, long hiddenBlock) {
            return new Loader(loaderType, classes, chunkBytes, blockBytes,
                    hiddenClasses + hiddenClassCount, hiddenChunkBytes + hiddenChunk, hiddenBlockBytes + hiddenBlock);
        }
    }

    /**
     * Loaders summed by loader type.
     *
     * @param loaderType    class name of the loaders
     * @param instances     live loaders of this type
     * @param classes       classes they hold, hidden classes included
     * @param hiddenClasses hidden classes among those
     * @param chunkBytes    metaspace chunk bytes they hold, hidden classes included
     * @param blockBytes    metaspace block bytes they use, hidden classes included
     */
    public record TypeStats(
            String loaderType, int instances, long classes, long hiddenClasses, long chunkBytes, long blockBytes) {

        TypeStats plus(Loader loader) {
            return new TypeStats(loaderType, instances + 1,
                    classes + loader.classes() + loader.hiddenClasses(),
                    hiddenClasses + loader.hiddenClasses(),
                    chunkBytes + loader.chunkBytes() + loader.hiddenChunkBytes(),
                    blockBytes + loader.blockBytes() + loader.hiddenBlockBytes());
        }
    }

    /** Loader statistics summed by loader type, in order of first appearance. */
    public Map<String, TypeStats> byLoaderType() {
        Map<String, TypeStats> byType = new LinkedHashMap<>();
        for (Loader loader : loaders) {
            byType.merge(loader.loaderType(),
                    new TypeStats(loader.loaderType(), 0, 0, 0, 0, 0).plus(loader),
                    (a, b) -> a.plus(loader));
        }
        return byType;
    }
}
