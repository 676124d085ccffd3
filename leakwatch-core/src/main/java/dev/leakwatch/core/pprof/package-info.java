/**
 * Encoding of pprof profiles ({@code profile.proto}, gzip-compressed), the format that
 * {@code go tool pprof}, Pyroscope and Grafana read.
 *
 * <p>{@link dev.leakwatch.core.pprof.ProfileBuilder} interns strings, functions and
 * locations and merges identical samples; {@link dev.leakwatch.core.pprof.ProfileSchema}
 * holds Go's sample-type conventions for each profile kind, so that tools built for Go
 * profiles read JVM profiles without special cases.
 */
package dev.leakwatch.core.pprof;
