package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.fd.FdSample;
import dev.leakwatch.core.heap.TimedHistogram;
import dev.leakwatch.core.metaspace.TimedClassLoaderStats;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.threads.ThreadSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one diagnosis window collected, in time order. Owned by one diagnosis thread; a
 * window's size is bounded by its duration and interval (and GC events by the connection's own cap).
 */
final class Observations {
    final List<Sample> heapAfterGc = new ArrayList<>();
    final List<Sample> rss = new ArrayList<>();
    final List<Sample> nativeBeyondHeap = new ArrayList<>();
    final List<Sample> threads = new ArrayList<>();
    final List<Sample> fds = new ArrayList<>();
    final List<Sample> metaspace = new ArrayList<>();
    final List<Sample> direct = new ArrayList<>();
    final List<FdSample> fdGroups = new ArrayList<>();
    final List<ThreadSample> threadGroups = new ArrayList<>();
    final List<TimedHistogram> histograms = new ArrayList<>();
    final List<TimedClassLoaderStats> loaderStats = new ArrayList<>();
    final List<Evidence> captures = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    Instant start;
    Instant end;
    int rounds;
    boolean exited;

    void capture(String kind, Instant at, boolean forcedGc, String detail) {
        captures.add(new Evidence(kind, at, forcedGc ? Boolean.TRUE : null, detail));
    }

    /** Notes something that went wrong without ending the diagnosis; each distinct note once. */
    void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }
}
