package dev.leakwatch.core.metaspace;

/**
 * Class loader statistics and when they were taken.
 *
 * @param timeMillis epoch milliseconds when the statistics were taken
 * @param stats      the statistics
 */
public record TimedClassLoaderStats(long timeMillis, ClassLoaderStats stats) {}
