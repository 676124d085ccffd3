package dev.leakwatch.jvm.http;

/**
 * Bounds on a request head.
 *
 * @param maxLineBytes most bytes in the request line (414 beyond) and in each header line (431)
 * @param maxHeadBytes most bytes in the whole head (431)
 * @param maxHeaders   most header lines (431)
 */
record HeadLimits(int maxLineBytes, int maxHeadBytes, int maxHeaders) {
}
