package dev.leakwatch.agent.watch;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.jvm.diagnose.DiagnoseProgress;
import dev.leakwatch.jvm.diagnose.DiagnoseRequest;
import dev.leakwatch.jvm.diagnose.Diagnoser;
import java.time.Duration;

/** Takes evidence from a suspected process: a short diagnosis with culprits. */
@FunctionalInterface
public interface EvidenceCapture {
    /** Sampling rounds of a capture at least. */
    int ROUNDS = 12;

    /**
     * Watches the process for {@code duration} and returns what the diagnose engine found.
     *
     * @throws Exception when the process is gone or cannot be read at all
     * @throws InterruptedException when the agent stops; the target is left as it was found
     */
    Diagnosis capture(long pid, Duration duration) throws Exception;

    /**
     * The diagnose engine of {@code leakwatch diagnose} on this host: class histograms, thread
     * dumps, fd listings and JFR old-object samples, with its default sampling interval, shorter
     * for short captures: the trend detectors need 8 rounds after their warm-up, so every capture
     * samples at least 12.
     */
    static EvidenceCapture diagnoser() {
        Diagnoser diagnoser = Diagnoser.local();
        return (pid, duration) -> {
            Duration interval = DiagnoseRequest.DEFAULT_INTERVAL;
            if (interval.multipliedBy(ROUNDS).compareTo(duration) > 0) {
                interval = duration.dividedBy(ROUNDS);
            }
            return diagnoser.run(new DiagnoseRequest(pid, duration, interval, 0), DiagnoseProgress.NONE);
        };
    }
}
