package dev.leakwatch.agent.store;

/**
 * When a reader read a family through a {@link FamilyView}: enough to tell later whether the
 * family has changed since, without reading it again.
 *
 * <p>Implementation note: the store keeps a read epoch that every walk of
 * {@link SeriesStore#forEachFamilyView} advances before it reads anything; a write, after
 * changing a series (under the series' lock), raises its family's mark to the epoch it reads
 * then. A write whose mark is below a read's epoch read the epoch before that walk advanced it,
 * so its change was made before the walk read the series (the series' lock orders the two) and
 * the read saw it; any later change marks the family with the new epoch or higher. So "mark
 * below the read's epoch" means the read is still current. Series expire without a write, so
 * the stamp also keeps the oldest write among the points read, checked against the TTL.
 *
 * @param epoch            the read epoch of the walk that read the family
 * @param oldestWriteNanos the earliest write (store ticker) among the points read;
 *                         {@link Long#MAX_VALUE} when there were none
 */
public record ReadStamp(long epoch, long oldestWriteNanos) {}
