package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.heap.HeapAddressRange;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.jvm.attach.AttachRefusedException;
import dev.leakwatch.jvm.attach.HotSpotCheck;
import dev.leakwatch.jvm.attach.JvmConnection;
import dev.leakwatch.jvm.attach.JvmInfo;
import dev.leakwatch.jvm.attach.JvmLimits;
import dev.leakwatch.jvm.jfr.OldObjectAnalysis;
import dev.leakwatch.jvm.proc.ProcFs;
import dev.leakwatch.jvm.proc.ProcessStat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches one process for a window and says whether, what and who leaks: the engine behind
 * {@code leakwatch diagnose}.
 *
 * <p>Every process is read through /proc (RSS, threads, fds). A HotSpot JVM is also attached to,
 * but only once it is known to be one (the Attach API signals the target with SIGQUIT, which
 * kills a process that does not handle it): memory pools and GC notifications every round, and a
 * few expensive captures at the {@link CapturePlan}'s points. Whatever is started in the target
 * (the JFR recording, the JMX agent's connection) is stopped before {@link #run} returns, also
 * when it is interrupted.
 */
public final class Diagnoser {
    private final ProcFs proc;
    private final Clock clock;

    public Diagnoser(ProcFs proc, Clock clock) {
        this.proc = proc;
        this.clock = clock;
    }

    public static Diagnoser local() {
        return new Diagnoser(ProcFs.system(), Clock.systemUTC());
    }

    /**
     * Watches the process for the request's duration.
     *
     * @throws NoSuchProcessException if the pid is not a running process at the start
     * @throws InterruptedException   if interrupted; the target is left as it was found
     */
    public Diagnosis run(DiagnoseRequest request, DiagnoseProgress progress)
            throws NoSuchProcessException, InterruptedException {
        long pid = request.pid();
        Optional<ProcessStat> first = proc.stat(pid);
        if (first.isEmpty()) {
            throw new NoSuchProcessException(pid);
        }
        Observations obs = new Observations();
        TargetFacts facts = new TargetFacts(pid, first.get().commandLine());
        facts.ageAtStart = Duration.between(first.get().startTime(), clock.instant());
        facts.maxOpenFiles = proc.maxOpenFiles(pid);
        facts.cgroupMemoryLimit = proc.cgroupMemoryLimit(pid);

        JvmSampler jvm = null;
        progress.update(Duration.ZERO, request.duration(), "attaching");
        if (HotSpotCheck.isHotSpot(pid)) {
            try {
                JvmConnection connection = JvmConnection.open(pid);
                jvm = new JvmSampler(connection, clock);
                JvmInfo info = connection.info();
                facts.jvmVersion = info.javaVersion();
                JvmLimits limits = connection.limits();
                facts.limits = limits;
            } catch (AttachRefusedException e) {
                facts.attachRefused = "heap, metaspace, direct and native memory not assessed: attach refused ("
                        + e.getMessage() + "); thread and fd verdicts come from /proc";
            } catch (IOException e) {
                facts.attachRefused = "heap detail missing: JMX reading failed (" + e.getMessage() + ")";
                if (jvm != null) {
                    jvm.close();
                    jvm = null;
                }
            }
        } else {
            facts.notJvm = true;
        }
        try {
            watch(request, progress, obs, jvm, facts);
        } finally {
            if (jvm != null) {
                jvm.close();
            }
        }
        return new DiagnosisAssembler(facts, obs, request.interval().toMillis()).assemble();
    }

    private void watch(DiagnoseRequest request, DiagnoseProgress progress, Observations obs, JvmSampler jvm,
            TargetFacts facts) throws InterruptedException {
        // A JVM's threads are grouped from thread dumps (with stacks); without a dump, by OS thread name.
        ProcessSampler process = new ProcessSampler(proc, request.pid(), jvm == null);
        CapturePlan plan = CapturePlan.of(request);
        Duration lastPoint = plan.points().get(plan.points().size() - 1);
        long startMillis = clock.millis();
        obs.start = clock.instant();
        Optional<HeapAddressRange> heapRange = Optional.empty();
        if (jvm != null) {
            heapRange = jvm.heapRange();
            if (heapRange.isEmpty()) {
                obs.problem("native memory of the JVM not assessed: GC.heap_info shows no heap address range");
            }
            jvm.startRecording(obs);
        }
        Duration previous = Duration.ofMillis(-1);
        for (int round = 0; ; round++) {
            long now = clock.millis();
            Duration elapsed = Duration.ofMillis(now - startMillis);
            Optional<ProcessStat> stat = process.sample(now, obs);
            if (stat.isEmpty()) {
                obs.exited = true;
                facts.exitedAfter = elapsed;
                break;
            }
            if (jvm != null) {
                try {
                    jvm.sample(now, obs);
                    if (heapRange.isPresent()) {
                        OptionalLong outside = proc.residentBytesOutside(request.pid(), heapRange.get());
                        if (outside.isPresent()) {
                            obs.nativeBeyondHeap.add(new Sample(now,
                                    Math.max(0, outside.getAsLong() - jvm.accountedOutsideHeap())));
                        }
                    }
                    if (plan.due(previous, elapsed)) {
                        progress.update(elapsed, request.duration(), "capturing evidence");
                        if (elapsed.compareTo(lastPoint) >= 0) {
                            facts.oldObjects = jvm.finishRecording(obs);
                        }
                        jvm.capture(obs);
                    }
                } catch (IOException e) {
                    if (proc.stat(request.pid()).isEmpty()) {
                        obs.exited = true;
                        facts.exitedAfter = elapsed;
                        break;
                    }
                    obs.problem("JVM reading failed: " + e.getMessage());
                }
            }
            obs.rounds++;
            obs.end = clock.instant();
            previous = elapsed;
            progress.update(elapsed, request.duration(), "watching");
            if (elapsed.compareTo(request.duration()) >= 0) {
                break;
            }
            long next = startMillis + (round + 1) * request.interval().toMillis();
            long wait = Math.min(next, startMillis + request.duration().toMillis()) - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        if (obs.end == null) {
            obs.end = clock.instant();
        }
        if (jvm != null && facts.oldObjects == null) {
            facts.oldObjects = Optional.<OldObjectAnalysis>empty();
        }
    }
}
