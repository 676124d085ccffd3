package dev.leakwatch.core.trend;

/** What a {@link TrendDetector} concluded about one series. */
public enum Decision {
    /** Growth is both statistically significant and large enough to matter. */
    LEAK,
    /** Growth is significant but small, or large but only weakly significant: worth gathering evidence. */
    SUSPECT,
    /** No sustained growth: flat, decreasing, noise, or growth that has stopped. */
    NO_LEAK,
    /** Too few samples to decide; an explicit answer instead of a guess. */
    NOT_ENOUGH_DATA
}
