package dev.leakwatch.agent.store;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The latest value of every series, bounded in every direction, plus a short history for the
 * series the leak watch reads.
 *
 * <p>Implementation notes. Series live in a two-level map, metric name → labels → series, so
 * that exposition walks one family at a time and the per-metric cardinality is a counter on the
 * family. An update of an existing series takes only that series' monitor; creating a series
 * takes the family's monitor, which is where both caps are checked: a global slot is reserved
 * with a compare-and-set loop (so the cap is never exceeded, even briefly) and the per-metric count
 * is compared under the lock. Beyond the per-metric cap, writes fold into one overflow series
 * (label {@code leakwatch_overflow="true"}), as OpenTelemetry's cardinality limit does: deltas
 * add up; absolute values written with the same timestamp (one collection run) add up, a newer
 * timestamp starts a new sum. Expiry marks a series removed under its own monitor, so a
 * concurrent writer notices and re-creates it instead of writing into a dead object; each series
 * is counted as expired exactly once. Expiry runs both from {@link #sweep()} and lazily whenever a
 * read meets a stale series. A bounded store was chosen over Caffeine because Caffeine's size
 * bound <em>evicts</em> existing entries (changing what is exported) where a monitoring store
 * must <em>refuse</em> new ones and count them; see {@code leakwatch-bench} for the measurements.
 *
 * <p>Reads hand out each family's points in label order (the Prometheus client's), from an array
 * of the family's series kept sorted between changes of membership: values change every
 * collection, the set of series seldom, so a scrape of 100,000 series sorts nothing in the steady
 * state and the client's own sort of a family runs over sorted input in linear time.
 */
public final class SeriesStore {
    /** The label that marks a metric's overflow series. */
    public static final String OVERFLOW_LABEL = "leakwatch_overflow";
    public static final Labels OVERFLOW = Labels.of(OVERFLOW_LABEL, "true");

    /** Series object 48 + map node 32 + share of the map's table 16 + slot in the ordered array 4, compressed oops. */
    static final long SERIES_BYTES = 100;
    /** Family object, its map and counters, excluding series. */
    static final long FAMILY_BYTES = 256;

    private final ConcurrentHashMap<String, Family> families = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private volatile StoreLimits limits;
    private final AtomicInteger seriesCount = new AtomicInteger();
    private final AtomicInteger historyCount = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder expired = new LongAdder();
    /**
     * Advanced by every walk of {@link #forEachFamilyView}; a write marks its family with the
     * value it reads after writing. See {@link ReadStamp} for why that tells a reader whether a
     * family it read before has changed.
     */
    private final AtomicLong readEpoch = new AtomicLong();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public SeriesStore(StoreLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public SeriesStore(StoreLimits limits) {
        this(limits, Ticker.system());
    }

    /** Sets a series to an absolute value (a gauge reading, or a counter's running total). */
    public WriteResult set(MetricDescriptor metric, Labels labels, double value, long timeMillis) {
        return write(metric, labels, value, false, timeMillis);
    }

    /** Adds to a series (a counter increment, or a relative gauge change); absent starts at 0. */
    public WriteResult add(MetricDescriptor metric, Labels labels, double delta, long timeMillis) {
        return write(metric, labels, delta, true, timeMillis);
    }

    public StoreLimits limits() {
        return limits;
    }

    /** Replaces the bounds; existing series stay (see {@link StoreLimits}). */
    public void limits(StoreLimits value) {
        this.limits = value;
    }

    /** Series held now. */
    public int size() {
        return seriesCount.get();
    }

    /** Removes every series not written within the TTL; returns how many. */
    public int sweep() {
        long now = ticker.nanos();
        long ttl = limits.ttl().toNanos();
        int removed = 0;
        for (Family f : families.values()) {
            for (Series s : f.series.values()) {
                if (expire(f, s, now, ttl)) {
                    removed++;
                }
            }
            retireIfEmpty(f);
        }
        return removed;
    }

    /** Every family with its live series in label order; stale series met on the way expire. */
    public List<FamilySnapshot> snapshot() {
        List<FamilySnapshot> out = new ArrayList<>(families.size());
        forEachFamily(out::add);
        return out;
    }

    /**
     * The same families as {@link #snapshot()}, each built only when the previous one has been
     * handed over, so that a reader that writes them out as they come holds one family at a time.
     */
    public void forEachFamily(Consumer<FamilySnapshot> sink) {
        long now = ticker.nanos();
        long ttl = limits.ttl().toNanos();
        for (Family f : families.values()) {
            FamilySnapshot snapshot = read(f, now, ttl, null);
            if (snapshot != null) {
                sink.accept(snapshot);
            }
        }
    }

    /**
     * Every family, as a view that is read only if the reader asks: a reader that keeps what it
     * made of a family (the scrape's rendered text) asks each view whether the family changed
     * since its earlier read, and reads only those that did.
     */
    public void forEachFamilyView(Consumer<FamilyView> sink) {
        long epoch = readEpoch.incrementAndGet();
        for (Family f : families.values()) {
            sink.accept(new FamilyView(this, f, epoch));
        }
    }

    /**
     * A family's live points in label order, expiring the stale series met; null when it has none.
     * When {@code oldest} is given, its first element becomes the earliest write (ticker nanos)
     * among the points read (read under the same lock as the point: one lock per series).
     */
    private FamilySnapshot read(Family f, long now, long ttl, long[] oldest) {
        Series[] ordered = f.ordered();
        List<FamilySnapshot.Point> points = new ArrayList<>(ordered.length);
        if (oldest != null) {
            oldest[0] = Long.MAX_VALUE;
        }
        for (Series s : ordered) {
            FamilySnapshot.Point p = s.pointUnlessStale(now, ttl, oldest);
            if (p == Series.STALE) {
                removeExpired(f, s);
            } else if (p != null) {
                points.add(p);
            }
        }
        return points.isEmpty() ? null : new FamilySnapshot(f.descriptor, points);
    }

    /** A family read through a view: its points and the stamp that can tell later whether they still hold. */
    public record StampedRead(FamilySnapshot snapshot, ReadStamp stamp) {}

    StampedRead read(Family f, long epoch) {
        long[] oldest = new long[1];
        FamilySnapshot snapshot = read(f, ticker.nanos(), limits.ttl().toNanos(), oldest);
        return new StampedRead(snapshot, new ReadStamp(epoch, oldest[0]));
    }

    /** Nothing written to, added to or removed from f since the stamp's read, and none of what it read is stale now. */
    boolean unchangedSince(Family f, ReadStamp stamp) {
        return f.writtenEpoch.get() < stamp.epoch()
                && (stamp.oldestWriteNanos() == Long.MAX_VALUE
                        || ticker.nanos() - stamp.oldestWriteNanos() <= limits.ttl().toNanos());
    }

    static int size(Family f) {
        return f.series.size();
    }

    static MetricDescriptor descriptor(Family f) {
        return f.descriptor;
    }

    /** The latest value of one series, unless absent or stale. */
    public Optional<FamilySnapshot.Point> get(SeriesKey key) {
        Family f = families.get(key.metric());
        Series s = f == null ? null : f.series.get(key.labels());
        if (s == null || expire(f, s, ticker.nanos(), limits.ttl().toNanos())) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.point());
    }

    /** A series' history, oldest first; empty when it keeps none, is absent or stale. */
    public List<Sample> history(SeriesKey key) {
        Family f = families.get(key.metric());
        Series s = f == null ? null : f.series.get(key.labels());
        if (s == null || expire(f, s, ticker.nanos(), limits.ttl().toNanos())) {
            return List.of();
        }
        return s.history();
    }

    /** Keys of the live series that keep a history (the leak watch's inputs). */
    public List<SeriesKey> historyKeys() {
        List<SeriesKey> out = new ArrayList<>();
        for (Family f : families.values()) {
            for (Series s : f.series.values()) {
                if (s.hasHistory()) {
                    out.add(new SeriesKey(f.descriptor.name(), s.labels));
                }
            }
        }
        return out;
    }

    /** The descriptor registered for a metric name, if it has live series. */
    public Optional<MetricDescriptor> descriptor(String metric) {
        Family f = families.get(metric);
        return f == null ? Optional.empty() : Optional.of(f.descriptor);
    }

    public StoreStats stats() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, adder) -> d.put(reason, adder.sum()));
        return new StoreStats(seriesCount.get(), historyCount.get(), bytes.get(), d, expired.sum());
    }

    private WriteResult write(MetricDescriptor metric, Labels labels, double value, boolean delta, long timeMillis) {
        long now = ticker.nanos();
        Family f = families.get(metric.name());
        while (true) {
            if (f == null) {
                f = families.computeIfAbsent(metric.name(), n -> newFamily(metric));
            }
            if (f.descriptor.type() != metric.type()) {
                dropped.get(DropReason.INVALID).increment();
                return WriteResult.REFUSED;
            }
            Series s = f.series.get(labels);
            if (s != null && s.write(value, delta, timeMillis, now)) {
                f.markWritten(readEpoch.get());
                return s.overflow ? WriteResult.FOLDED : WriteResult.STORED;
            }
            WriteResult result = create(f, labels, value, delta, timeMillis, now);
            if (result != null) {
                f.markWritten(readEpoch.get());
                return result;
            }
            f = null; // the family was retired meanwhile: look it up again
        }
    }

    /** Creates the series under the family's lock; null when the family was retired. */
    private WriteResult create(Family f, Labels labels, double value, boolean delta, long timeMillis, long now) {
        synchronized (f) {
            if (f.retired) {
                return null;
            }
            Series existing = f.series.get(labels);
            if (existing != null && existing.write(value, delta, timeMillis, now)) {
                return existing.overflow ? WriteResult.FOLDED : WriteResult.STORED;
            }
            StoreLimits l = limits;
            if (f.regular >= l.maxSeriesPerMetric()) {
                dropped.get(DropReason.CARDINALITY).increment();
                Series overflow = f.series.get(OVERFLOW);
                if (overflow != null && overflow.write(value, delta, timeMillis, now)) {
                    return WriteResult.FOLDED;
                }
                if (!reserveSlot(l)) {
                    return WriteResult.REFUSED;
                }
                Series created = new Series(OVERFLOW, true, null);
                created.write(value, delta, timeMillis, now);
                f.series.put(OVERFLOW, created);
                f.membershipChanged();
                bytes.addAndGet(created.estimatedBytes());
                return WriteResult.FOLDED;
            }
            if (!reserveSlot(l)) {
                return WriteResult.REFUSED;
            }
            // The key is the series' own compact labels, not the caller's.
            Series created = new Series(f.storedLabels(labels), false, newHistory(f.descriptor.name(), l));
            created.write(value, delta, timeMillis, now);
            f.series.put(created.labels, created);
            f.membershipChanged();
            f.regular++;
            bytes.addAndGet(created.estimatedBytes());
            return WriteResult.STORED;
        }
    }

    /** Takes a slot under the global cap; a CAS loop, so the count never exceeds the cap, even for a moment. */
    private boolean reserveSlot(StoreLimits l) {
        while (true) {
            int count = seriesCount.get();
            if (count >= l.maxSeries()) {
                dropped.get(DropReason.LIMIT).increment();
                return false;
            }
            if (seriesCount.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    private HistoryRing newHistory(String metric, StoreLimits l) {
        if (!l.historyMetrics().contains(metric)) {
            return null;
        }
        while (true) {
            int count = historyCount.get();
            if (count >= l.historyMaxSeries()) {
                dropped.get(DropReason.HISTORY_LIMIT).increment();
                return null;
            }
            if (historyCount.compareAndSet(count, count + 1)) {
                return new HistoryRing(l.historySamples());
            }
        }
    }

    private Family newFamily(MetricDescriptor metric) {
        bytes.addAndGet(FAMILY_BYTES + Labels.stringBytes(metric.name()) + Labels.stringBytes(metric.help()));
        return new Family(metric);
    }

    /** Expires s when stale; true when it is gone (by this call). */
    private boolean expire(Family f, Series s, long now, long ttlNanos) {
        if (!s.markRemovedIfStale(now, ttlNanos)) {
            return false;
        }
        removeExpired(f, s);
        return true;
    }

    /** The bookkeeping of a series this caller has just marked removed for staleness. */
    private void removeExpired(Family f, Series s) {
        synchronized (f) {
            if (f.series.remove(s.labels, s)) {
                f.membershipChanged();
            }
            f.markWritten(readEpoch.get());
            if (!s.overflow) {
                f.regular--;
            }
        }
        seriesCount.decrementAndGet();
        if (s.hasHistory()) {
            historyCount.decrementAndGet();
        }
        bytes.addAndGet(-s.estimatedBytes());
        expired.increment();
    }

    private void retireIfEmpty(Family f) {
        synchronized (f) {
            if (f.series.isEmpty() && !f.retired) {
                f.retired = true;
                families.remove(f.descriptor.name(), f);
                bytes.addAndGet(-(FAMILY_BYTES + Labels.stringBytes(f.descriptor.name())
                        + Labels.stringBytes(f.descriptor.help())));
            }
        }
    }

    /** One metric name's series. */
    static final class Family {
        private static final Series[] NONE = new Series[0];

        final MetricDescriptor descriptor;
        final ConcurrentHashMap<Labels, Series> series = new ConcurrentHashMap<>();
        /** Series other than the overflow series; guarded by this. */
        int regular;
        /** Removed from the store; writers must look the family up again. Guarded by this. */
        boolean retired;
        /** Counts additions and removals of series; guarded by this. */
        private long generation;
        /** The series sorted by labels as of some generation; null once a series came or went. */
        private volatile Series[] ordered;
        /** The highest read epoch seen by a write (or removal) after it changed this family. */
        final AtomicLong writtenEpoch = new AtomicLong();
        /** The label names of the latest series created; guarded by this. */
        private String[] names;

        Family(MetricDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        /**
         * The labels a new series is kept under ({@link Labels#forStorage}), sharing the family's
         * names array when they have the same names (nearly always: a metric's series differ in
         * values). Called under this.
         */
        Labels storedLabels(Labels labels) {
            Labels stored = labels.forStorage(names);
            names = stored.namesArray();
            return stored;
        }

        /**
         * Called after a change, with the read epoch read after it: raises the mark, never lowers
         * it (two writers may read different epochs and set the mark in either order).
         */
        void markWritten(long epoch) {
            long seen = writtenEpoch.get();
            while (seen < epoch && !writtenEpoch.compareAndSet(seen, epoch)) {
                seen = writtenEpoch.get();
            }
        }

        /** Called under this whenever a series is added or removed. */
        void membershipChanged() {
            generation++;
            ordered = null;
        }

        /**
         * The series in label order. Sorted outside the lock (writers keep writing meanwhile) and
         * kept only if no series came or went during the sort; a series removed after the copy
         * is still in the array, and readers skip it as they skip any removed series.
         */
        Series[] ordered() {
            Series[] sorted = ordered;
            if (sorted != null) {
                return sorted;
            }
            long copied;
            synchronized (this) {
                copied = generation;
                sorted = series.values().toArray(NONE);
            }
            Arrays.sort(sorted, (a, b) -> a.labels.compareTo(b.labels));
            synchronized (this) {
                if (generation == copied) {
                    ordered = sorted;
                }
            }
            return sorted;
        }
    }

    /** One series' state; all fields guarded by this. */
    private static final class Series {
        final Labels labels;
        final boolean overflow;
        private final HistoryRing history;
        private double value;
        private long timeMillis;
        private long writtenNanos;
        private boolean removed;

        Series(Labels labels, boolean overflow, HistoryRing history) {
            this.labels = labels;
            this.overflow = overflow;
            this.history = history;
        }

        /** False when the series was removed: the caller must re-create it. */
        synchronized boolean write(double v, boolean delta, long t, long now) {
            if (removed) {
                return false;
            }
            if (delta || (overflow && t == timeMillis)) {
                value += v;
            } else {
                value = v;
            }
            timeMillis = t;
            writtenNanos = now;
            if (history != null) {
                history.add(t, value);
            }
            return true;
        }

        synchronized boolean markRemovedIfStale(long now, long ttlNanos) {
            if (removed || now - writtenNanos <= ttlNanos) {
                return false;
            }
            removed = true;
            return true;
        }

        synchronized FamilySnapshot.Point point() {
            return removed ? null : new FamilySnapshot.Point(labels, value, timeMillis);
        }

        /** Marks "this call found the series stale and removed it". */
        static final FamilySnapshot.Point STALE = new FamilySnapshot.Point(Labels.EMPTY, Double.NaN, 0);

        /**
         * The latest point; null when already removed; {@link #STALE} when stale, after marking it
         * removed (the caller then does the store's bookkeeping). One lock per series, as a scrape
         * of 100,000 series reads every one.
         */
        synchronized FamilySnapshot.Point pointUnlessStale(long now, long ttlNanos, long[] oldest) {
            if (removed) {
                return null;
            }
            if (now - writtenNanos > ttlNanos) {
                removed = true;
                return STALE;
            }
            if (oldest != null && writtenNanos < oldest[0]) {
                oldest[0] = writtenNanos;
            }
            return new FamilySnapshot.Point(labels, value, timeMillis);
        }

        synchronized List<Sample> history() {
            return history == null ? List.of() : history.toList();
        }

        boolean hasHistory() {
            return history != null;
        }

        long estimatedBytes() {
            return SERIES_BYTES + labels.estimatedBytes()
                    + (history == null ? 0 : HistoryRing.estimatedBytes(history.capacity()));
        }
    }
}
