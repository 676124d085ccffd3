package dev.leakwatch.core.series;

/**
 * One reading of a resource.
 *
 * @param timeMillis epoch milliseconds of the reading
 * @param value      the amount, in the resource's unit
 */
public record Sample(long timeMillis, double value) {}
