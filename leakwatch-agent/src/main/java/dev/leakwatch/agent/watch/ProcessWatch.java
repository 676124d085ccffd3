package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Resource;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The watch's state of one process: a tracker per resource and its capture bookkeeping. */
final class ProcessWatch {
    final WatchedProcess process;
    final boolean self;
    final Map<Resource, ResourceTracker> trackers = new EnumMap<>(Resource.class);
    Instant firstSeen;
    /** Whether any resource was ever flagged; the first flag sets {@link #firstSeen}. */
    boolean everFlagged;
    /** A suspicion began and no capture has started for it yet. */
    boolean captureWanted;
    /** Skip reasons already counted for the current suspicion (each counts once). */
    final Set<SkipReason> skipsCounted = EnumSet.noneOf(SkipReason.class);
    /** Whether a failed capture was logged for this process (logged once). */
    boolean failureLogged;
    /** Why the last capture failed, for the stored diagnosis; null after a good one. */
    String captureFailure;
    Optional<Diagnosis> captured = Optional.empty();
    /** A capture of this process runs: its readings are disturbed (attach, forced GCs), so no verdicts. */
    boolean capturing;
    /**
     * Readings before this (epoch ms) are not used: a capture loads classes into the target and
     * forces full GCs, a step that is the capture's, not the process's.
     */
    long readingsFromMillis = Long.MIN_VALUE;

    ProcessWatch(WatchedProcess process, boolean self, Instant firstSeen) {
        this.process = process;
        this.self = self;
        this.firstSeen = firstSeen;
    }

    ResourceTracker tracker(Resource r) {
        return trackers.computeIfAbsent(r, x -> new ResourceTracker());
    }

    /**
     * Asks for a capture when a resource is suspect and no capture has given evidence yet: for a
     * suspicion restored from the store, or when captures were just turned on.
     */
    void wantCaptureIfUnconfirmed() {
        if (!self && !capturing && captured.isEmpty()
                && trackers.values().stream().anyMatch(t -> t.state() == LeakState.SUSPECT)) {
            captureWanted = true;
            skipsCounted.clear();
        }
    }

    boolean flagged() {
        return trackers.values().stream().anyMatch(t -> t.state().flagged());
    }
}
