package dev.leakwatch.agent.store;

/**
 * One family of the store, met during a walk of {@link SeriesStore#forEachFamilyView}, read
 * only when the reader asks: a reader that kept what it made of an earlier read asks
 * {@link #unchangedSince} first.
 */
public final class FamilyView {
    private final SeriesStore store;
    private final SeriesStore.Family family;
    private final long epoch;

    FamilyView(SeriesStore store, SeriesStore.Family family, long epoch) {
        this.store = store;
        this.family = family;
        this.epoch = epoch;
    }

    public MetricDescriptor descriptor() {
        return SeriesStore.descriptor(family);
    }

    /** Series held now, stale or not: a reader's hint of the family's size. */
    public int size() {
        return SeriesStore.size(family);
    }

    /** The family's live points (expiring stale series met), with the stamp of this read; a null snapshot when none are live. */
    public SeriesStore.StampedRead read() {
        return store.read(family, epoch);
    }

    /** True if nothing in the family changed since the read that gave {@code stamp}, and none of its points has gone stale. */
    public boolean unchangedSince(ReadStamp stamp) {
        return store.unchangedSince(family, stamp);
    }
}
