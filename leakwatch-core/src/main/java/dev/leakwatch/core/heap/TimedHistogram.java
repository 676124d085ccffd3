package dev.leakwatch.core.heap;

/**
 * A class histogram and when it was taken.
 *
 * @param timeMillis epoch milliseconds when the histogram was taken
 * @param histogram  the histogram
 */
public record TimedHistogram(long timeMillis, ClassHistogram histogram) {}
