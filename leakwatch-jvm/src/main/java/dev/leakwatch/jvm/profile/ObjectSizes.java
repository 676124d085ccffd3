package dev.leakwatch.jvm.profile;

/**
 * Estimated object sizes for JVMs whose {@code jdk.OldObjectSample} has no
 * {@code objectSize} field (JDK 17 and older).
 *
 * <p>Implementation note: the layout of 64-bit HotSpot with compressed class pointers and
 * oops (the default below 32 GB of heap): a 12-byte header, 4 more for an array's length,
 * 4-byte references, everything aligned to 8 bytes. An instance's fields are not known from
 * the event, so an instance counts as the smallest object, 16 bytes: a lower bound, while
 * arrays (the bulk of most heaps) come out close to exact.
 */
final class ObjectSizes {
    static final long MIN_OBJECT = 16;
    private static final long ARRAY_HEADER = 16;

    private ObjectSizes() {}

    static long estimate(String readableType, long arrayElements) {
        if (!readableType.endsWith("[]") || arrayElements < 0) {
            return MIN_OBJECT;
        }
        long raw = ARRAY_HEADER + arrayElements * elementSize(readableType);
        return (raw + 7) & ~7L;
    }

    private static int elementSize(String arrayType) {
        String element = arrayType.substring(0, arrayType.length() - 2);
        switch (element) {
            case "boolean":
            case "byte":
                return 1;
            case "char":
            case "short":
                return 2;
            case "long":
            case "double":
                return 8;
            default:
                return 4; // int, float, and compressed references
        }
    }
}
