package dev.leakwatch.core.model;

import java.time.Instant;

/**
 * The time a diagnosis watched.
 *
 * @param start   first sample
 * @param end     last sample
 * @param samples number of sampling rounds taken
 */
public record Window(Instant start, Instant end, int samples) {}
