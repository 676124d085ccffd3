package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.findings.WatchedProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaptureBudgetTest {
    private static final WatchedProcess A = new WatchedProcess(1, 10, "a");
    private static final WatchedProcess B = new WatchedProcess(2, 20, "b");
    private static final WatchedProcess C = new WatchedProcess(3, 30, "c");
    private static final long MINUTE = 60_000;

    @Test
    void aProcessIsCapturedAgainOnlyAfterItsInterval() {
        CaptureBudget budget = new CaptureBudget(Duration.ofMinutes(30), 10);
        assertThat(budget.check(A, 0)).isEmpty();
        budget.spend(A, 0);

        assertThat(budget.check(A, 29 * MINUTE)).hasValue(SkipReason.PROCESS_BUDGET);
        assertThat(budget.check(B, 29 * MINUTE)).isEmpty();
        assertThat(budget.check(A, 30 * MINUTE)).isEmpty();
        assertThat(budget.trackedProcesses()).as("forgotten once its interval passed").isZero();
    }

    @Test
    void theHostBudgetCountsCapturesOfAnyProcessInARollingHour() {
        CaptureBudget budget = new CaptureBudget(Duration.ofMinutes(1), 2);
        budget.spend(A, 0);
        budget.spend(B, 10 * MINUTE);

        assertThat(budget.check(C, 20 * MINUTE)).hasValue(SkipReason.GLOBAL_BUDGET);
        assertThat(budget.check(C, 60 * MINUTE)).as("the first capture left the hour").isEmpty();
        budget.spend(C, 60 * MINUTE);
        assertThat(budget.check(A, 65 * MINUTE)).hasValue(SkipReason.GLOBAL_BUDGET);
    }

    @Test
    void aZeroHourlyBudgetRefusesEveryCapture() {
        assertThat(new CaptureBudget(Duration.ofMinutes(1), 0).check(A, 0)).hasValue(SkipReason.GLOBAL_BUDGET);
    }

    @Test
    void newLimitsApplyToTheCapturesAlreadyMade() {
        CaptureBudget budget = new CaptureBudget(Duration.ofMinutes(30), 3);
        budget.spend(A, 0);
        budget.spend(B, MINUTE);

        budget.limits(Duration.ofMinutes(30), 2);
        assertThat(budget.check(C, 2 * MINUTE)).as("two captures this hour already").hasValue(SkipReason.GLOBAL_BUDGET);
        budget.limits(Duration.ofMinutes(10), 4);
        assertThat(budget.check(C, 2 * MINUTE)).isEmpty();
        assertThat(budget.check(A, 9 * MINUTE)).hasValue(SkipReason.PROCESS_BUDGET);
        assertThat(budget.check(A, 10 * MINUTE)).as("the shorter interval counts from the capture made before")
                .isEmpty();
    }
}
