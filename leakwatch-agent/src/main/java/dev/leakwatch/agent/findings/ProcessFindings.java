package dev.leakwatch.agent.findings;

import dev.leakwatch.core.model.Diagnosis;
import java.time.Instant;
import java.util.Objects;

/**
 * The leak watch's latest conclusion about one process, in the {@code leakwatch.diagnosis/v1}
 * schema. A diagnosis without findings means the process was watched and nothing grows (any
 * earlier finding has cleared).
 *
 * @param process   which process
 * @param diagnosis the latest diagnosis: window, verdict, findings with culprits and evidence
 * @param firstSeen when the watch first reported a finding for this process (or first saw it)
 * @param updated   when this conclusion was reached
 */
public record ProcessFindings(WatchedProcess process, Diagnosis diagnosis, Instant firstSeen, Instant updated) {
    public ProcessFindings {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(updated, "updated");
    }
}
