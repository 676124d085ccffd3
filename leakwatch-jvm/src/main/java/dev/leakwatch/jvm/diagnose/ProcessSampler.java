package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.fd.FdSample;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.threads.ThreadSample;
import dev.leakwatch.core.threads.ThreadSnapshot;
import dev.leakwatch.jvm.proc.FdListing;
import dev.leakwatch.jvm.proc.ProcFs;
import dev.leakwatch.jvm.proc.ProcessStat;
import dev.leakwatch.jvm.proc.TaskStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what /proc shows of any process each round: RSS, threads, open fds classified by target.
 * Costs the target nothing (no signal, no pause).
 */
final class ProcessSampler {
    private final ProcFs proc;
    private final long pid;
    private final boolean groupTasks;

    /**
     * @param groupTasks group OS threads by name each round; for non-JVM processes, where no
     *                   thread dump exists (JVM threads are grouped from dumps, with stacks)
     */
    ProcessSampler(ProcFs proc, long pid, boolean groupTasks) {
        this.proc = proc;
        this.pid = pid;
        this.groupTasks = groupTasks;
    }

    /** Returns the stat read this round, or empty once the process has gone. */
    Optional<ProcessStat> sample(long now, Observations obs) {
        Optional<ProcessStat> stat = proc.stat(pid);
        if (stat.isEmpty()) {
            return stat;
        }
        obs.rss.add(new Sample(now, stat.get().rssBytes()));
        FdListing listing = proc.fds(pid);
        if (listing.readable()) {
            obs.fdGroups.add(FdSample.of(now, listing.fds(), proc.sockets(pid)));
            obs.fds.add(new Sample(now, listing.fds().size()));
        } else if (listing.status() == FdListing.Status.PERMISSION_DENIED) {
            obs.problem("open files not readable (permission denied): run as the process owner or root for fd detail");
        }
        if (groupTasks) {
            List<TaskStat> tasks = proc.tasks(pid);
            List<ThreadSnapshot> snapshots = new ArrayList<>(tasks.size());
            for (TaskStat t : tasks) {
                snapshots.add(t.snapshot());
            }
            if (!snapshots.isEmpty()) {
                obs.threadGroups.add(ThreadSample.of(now, snapshots));
                obs.threads.add(new Sample(now, snapshots.size()));
            }
        }
        return stat;
    }
}
