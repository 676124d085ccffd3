package dev.leakwatch.agent.watch;

import dev.leakwatch.core.detect.Assessment;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Trend;
import java.util.Optional;

/**
 * The state machine of one resource of one process: OK → SUSPECT → LEAK → CLEARED (and back to
 * SUSPECT if it grows again). Every method returns the new state when it changed, so the caller
 * logs exactly once per change. Touched by the watch thread only.
 *
 * <ul>
 *   <li>An alarming trend (significant and material) moves OK or CLEARED to SUSPECT; where no
 *       capture can confirm it (the agent itself, captures disabled), straight to LEAK (heap
 *       excepted: without class histograms it stays a suspect). Any finding keeps a flagged
 *       resource flagged (hysteresis: weaker evidence does not start a suspicion, nor end one).
 *   <li>A capture whose diagnosis has a leak finding for the resource moves SUSPECT to LEAK; its
 *       finding (culprits, evidence) replaces the trend-only one.
 *   <li>{@link #QUIET_RUNS_TO_CLEAR} evaluations in a row with a verdict and no finding at all move
 *       SUSPECT or LEAK to CLEARED: a single quiet window is often noise at the edge of
 *       significance, and flapping would log a line per evaluation.
 *   <li>No verdict ("not enough data") changes nothing.
 * </ul>
 */
final class ResourceTracker {
    static final int QUIET_RUNS_TO_CLEAR = 3;

    private LeakState state = LeakState.OK;
    private Finding finding;
    private Trend trend;
    private boolean captured;
    private int quietRuns;

    /** Restores a stored conclusion (after a restart): no transition, nothing to log. */
    static ResourceTracker restored(Finding f) {
        ResourceTracker t = new ResourceTracker();
        t.state = f.severity() == Severity.LEAK ? LeakState.LEAK : LeakState.SUSPECT;
        t.finding = f;
        t.captured = !f.culprits().isEmpty() || !f.evidence().isEmpty();
        return t;
    }

    /**
     * Takes one evaluation's verdict.
     *
     * @param confirmable whether a capture can confirm a suspicion of this process
     */
    Optional<LeakState> onTrend(WindowAssessor.WindowVerdict v, boolean confirmable) {
        Assessment a = v.assessment();
        if (v.decided()) {
            trend = a.trend();
        }
        boolean counts = a.finding().isPresent() && (v.alarming() || state.flagged());
        if (counts) {
            quietRuns = 0;
            Finding f = a.finding().get();
            finding = captured && finding != null ? withGrowth(finding, f) : f;
            boolean leakOnTrend = v.alarming() && f.severity() == Severity.LEAK && !confirmable;
            if (leakOnTrend && state != LeakState.LEAK) {
                return move(LeakState.LEAK);
            }
            if (state == LeakState.OK || state == LeakState.CLEARED) {
                captured = false;
                finding = f;
                return move(LeakState.SUSPECT);
            }
            return Optional.empty();
        }
        if (!v.decided() || !state.flagged() || a.finding().isPresent()) {
            return Optional.empty();
        }
        if (++quietRuns < QUIET_RUNS_TO_CLEAR) {
            return Optional.empty();
        }
        quietRuns = 0;
        captured = false;
        return move(LeakState.CLEARED);
    }

    /**
     * Takes a capture's finding for this resource (empty when the capture saw no growth of it).
     * A leak confirms a suspicion; a suspect finding adds its culprits; nothing leaves the trend's.
     */
    Optional<LeakState> onCapture(Optional<Finding> capturedFinding) {
        if (capturedFinding.isEmpty() || !state.flagged()) {
            return Optional.empty();
        }
        finding = capturedFinding.get();
        captured = true;
        if (finding.severity() == Severity.LEAK && state == LeakState.SUSPECT) {
            return move(LeakState.LEAK);
        }
        return Optional.empty();
    }

    LeakState state() {
        return state;
    }

    /**
     * The latest finding while flagged (captured when there was a capture, else the trend's), its
     * severity the state's: a trend the detector calls a leak is only a suspect until confirmed.
     */
    Optional<Finding> finding() {
        if (!state.flagged() || finding == null) {
            return Optional.empty();
        }
        Severity severity = state == LeakState.LEAK ? Severity.LEAK : Severity.SUSPECT;
        Finding f = finding;
        return Optional.of(f.severity() == severity ? f : new Finding(f.resource(), severity, f.growthPerMinute(), f.unit(),
                f.confidence(), f.limit(), f.timeToExhaustionSeconds(), f.culprits(), f.evidence()));
    }

    /** The latest trend with a verdict, if any. */
    Optional<Trend> trend() {
        return Optional.ofNullable(trend);
    }

    private Optional<LeakState> move(LeakState next) {
        state = next;
        return Optional.of(next);
    }

    /** The captured finding (culprits, evidence, severity) with the newest trend's growth figures. */
    private static Finding withGrowth(Finding captured, Finding latest) {
        return new Finding(captured.resource(), captured.severity(), latest.growthPerMinute(), captured.unit(),
                latest.confidence(), latest.limit() != null ? latest.limit() : captured.limit(),
                latest.timeToExhaustionSeconds(), captured.culprits(), captured.evidence());
    }
}
