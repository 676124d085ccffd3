package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.fd.FdClassifier;
import dev.leakwatch.core.fd.FdGroup;
import dev.leakwatch.core.fd.FdSample;
import dev.leakwatch.core.fd.FdTarget;
import dev.leakwatch.core.fd.FdType;
import dev.leakwatch.core.fd.SocketEndpoint;
import dev.leakwatch.core.threads.ThreadGrouper;
import dev.leakwatch.core.threads.ThreadStackGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every reader on the recorded fixture tree. */
class ProcFsFixtureTest {

    private final ProcFs proc = Fixture.procFs();

    @Test
    void pidsAreTheNumericDirectories() {
        assertThat(proc.pids()).containsExactly(Fixture.KTHREADD, Fixture.JVM, Fixture.SLEEP);
    }

    @Test
    void statOfAJvm() {
        ProcessStat stat = proc.stat(Fixture.JVM).orElseThrow();

        assertThat(stat).isEqualTo(new ProcessStat(9058, 1, 0, "java -Xmx64m -cp out FdTarget", "java", "S",
                43352L * 1024, 43352L * 1024, 20, OptionalInt.of(49), 0.18, 0.06,
                Instant.ofEpochSecond(1795782988L).plusMillis(530090)));
    }

    @Test
    void startOfAJvmIsItsStatStartTimeInTicksAndAsAnInstant() {
        ProcessStart start = proc.start(Fixture.JVM).orElseThrow();

        assertThat(start.ticks()).isEqualTo(53009);
        assertThat(start.time()).isEqualTo(proc.stat(Fixture.JVM).orElseThrow().startTime());
        assertThat(proc.start(424242)).isEmpty();
    }

    @Test
    void statOfAKernelThreadAndAnotherUsersProcess() {
        ProcessStat kthreadd = proc.stat(Fixture.KTHREADD).orElseThrow();
        assertThat(kthreadd.commandLine()).isEqualTo("[kthreadd]");
        assertThat(kthreadd.rssBytes()).isZero();
        assertThat(kthreadd.fdCount()).as("no fd directory recorded").isEmpty();

        ProcessStat sleep = proc.stat(Fixture.SLEEP).orElseThrow();
        assertThat(sleep.uid()).isEqualTo(65534);
        assertThat(sleep.commandLine()).isEqualTo("sleep 1000");
        assertThat(sleep.fdCount()).hasValue(5);
    }

    @Test
    void fdsWithTheirTargets() {
        FdListing listing = proc.fds(Fixture.JVM);

        assertThat(listing.status()).isEqualTo(FdListing.Status.READ);
        assertThat(listing.fds()).hasSize(49);
        assertThat(listing.fds()).first().isEqualTo(new FdTarget(0, "/dev/null"));
        assertThat(listing.fds()).contains(
                new FdTarget(8, "/tmp/lwfix/data/upload-3fa85f64-5717-4562-b3fc-2c963f66afa6.tmp (deleted)"),
                new FdTarget(28, "pipe:[17965]"),
                new FdTarget(42, "anon_inode:[eventfd]"),
                new FdTarget(251, "pipe:[18764]"));
        assertThat(listing.fds()).extracting(FdTarget::fd).isSorted();
    }

    @Test
    void socketsResolveEveryInetAndUnixSocketOfTheJvm() {
        SocketTable sockets = proc.sockets(Fixture.JVM);

        assertThat(sockets.size()).isEqualTo(6 + 13 + 2 + 2 + 12);
        assertThat(sockets.resolve(17949)).hasValue(SocketEndpoint.inet("tcp", "127.0.0.1", 15432, "::", 0, "LISTEN"));
        assertThat(sockets.listensOn("tcp", 15432)).isTrue();
        assertThat(sockets.listensOn("tcp", 56586)).isFalse();
        assertThat(sockets.resolve(99999)).as("netlink sockets are in no table").isEmpty();
    }

    /** The whole path from /proc to fd groups, as a diagnosis of this process would see it. */
    @Test
    void fdGroupsOfTheRecordedJvm() {
        FdSample sample = FdSample.of(0, proc.fds(Fixture.JVM).fds(), proc.sockets(Fixture.JVM));

        assertThat(sample.counts()).contains(
                Map.entry(new FdGroup("/tmp/lwfix/data/segment-*.dat", FdType.FILE), 4),
                Map.entry(new FdGroup("/tmp/lwfix/data/upload-*.tmp (deleted)", FdType.FILE), 1),
                Map.entry(new FdGroup("tcp 127.0.0.1:* -> 127.0.0.1:15432", FdType.SOCKET), 3),
                Map.entry(new FdGroup("tcp 127.0.0.1:15432 <- 127.0.0.1:*", FdType.SOCKET), 3),
                Map.entry(new FdGroup("tcp 127.0.0.1:15432 LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp [::1]:18080 LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp [::1]:* -> [::1]:18080", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp [::1]:18080 <- [::1]:*", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp [::]:19090 LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp 10.0.0.5:* -> 10.0.0.9:5432", FdType.SOCKET), 2),
                Map.entry(new FdGroup("tcp 10.0.0.5:* -> 10.0.0.9:5432 CLOSE_WAIT", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp 0.0.0.0:8080 LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp 10.0.0.5:8080 <- 192.168.1.77:*", FdType.SOCKET), 1),
                Map.entry(new FdGroup("tcp [2001:db8::10]:* -> [2001:db8:0:1::20]:443", FdType.SOCKET), 1),
                Map.entry(new FdGroup("udp 127.0.0.1:18125", FdType.SOCKET), 1),
                Map.entry(new FdGroup("udp 127.0.0.1:* -> 127.0.0.1:18125", FdType.SOCKET), 1),
                Map.entry(new FdGroup("udp 0.0.0.0:8125", FdType.SOCKET), 1),
                Map.entry(new FdGroup("unix /tmp/lwfix/app.sock LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("unix /tmp/lwfix/app.sock", FdType.SOCKET), 1),
                Map.entry(new FdGroup("unix @/tmp/.X*-unix/X* LISTEN", FdType.SOCKET), 1),
                Map.entry(new FdGroup("socket:[*]", FdType.SOCKET), 1),
                Map.entry(new FdGroup("pipe", FdType.PIPE), 3),
                Map.entry(new FdGroup("anon_inode:[eventfd]", FdType.ANON), 1),
                Map.entry(new FdGroup("/memfd:jit-cache (deleted)", FdType.ANON), 1),
                Map.entry(new FdGroup("net:[*]", FdType.OTHER), 1));
        assertThat(sample.total()).isEqualTo(49);
        assertThat(FdClassifier.classify("socket:[20007]", proc.sockets(Fixture.JVM)).pattern())
                .isEqualTo("tcp [fe80::fc00:ff:fe00:1]:* -> [fe80::1]:50123 TIME_WAIT");
    }

    @Test
    void limitsAndCgroups() {
        assertThat(proc.maxOpenFiles(Fixture.JVM)).hasValue(20000);
        assertThat(proc.cgroupMemoryLimit(Fixture.JVM)).as("v1, docker cgroup below a 1 GiB parent").hasValue(268435456);
        assertThat(proc.cgroupMemoryLimit(Fixture.SLEEP)).as("v2 docker scope").hasValue(536870912);
        assertThat(proc.cgroupMemoryLimit(Fixture.KTHREADD)).as("root cgroup").isEmpty();
        assertThat(proc.containerId(Fixture.JVM)).hasValue(Fixture.JVM_CONTAINER);
        assertThat(proc.containerId(Fixture.SLEEP)).hasValue(Fixture.SLEEP_CONTAINER);
        assertThat(proc.containerId(Fixture.KTHREADD)).isEmpty();
    }

    @Test
    void tasksAreTheThreadsByKernelName() {
        List<TaskStat> tasks = proc.tasks(Fixture.JVM);

        assertThat(tasks).hasSize(20);
        assertThat(tasks).first().isEqualTo(new TaskStat(9058, "java", "S"));
        assertThat(tasks).extracting(TaskStat::name).contains("GC Thread#0", "Reference Handl", "worker-1");
        assertThat(tasks).extracting(TaskStat::tid).isSorted();
    }

    @Test
    void tasksGroupByNamePattern() {
        Map<ThreadStackGroup, Integer> groups =
                ThreadGrouper.group(proc.tasks(Fixture.JVM).stream().map(TaskStat::snapshot).toList());

        assertThat(groups).containsEntry(new ThreadStackGroup("GC Thread#*", null, List.of()), 1)
                .containsEntry(new ThreadStackGroup("C* CompilerThre", null, List.of()), 2)
                .containsEntry(new ThreadStackGroup("java", null, List.of()), 2);
    }

    @Test
    void ownersByName() {
        assertThat(proc.processOwner(Fixture.JVM)).hasValue("root");
        assertThat(proc.processOwner(Fixture.SLEEP)).hasValue("nobody");
    }

    @Test
    void aMissingProcessGivesEmptyResults() {
        long pid = Fixture.MISSING;
        assertThat(proc.stat(pid)).isEmpty();
        assertThat(proc.fds(pid)).isEqualTo(new FdListing(FdListing.Status.NO_SUCH_PROCESS, List.of()));
        assertThat(proc.fdCount(pid)).isEmpty();
        assertThat(proc.maxOpenFiles(pid)).isEmpty();
        assertThat(proc.cgroupMemoryLimit(pid)).isEmpty();
        assertThat(proc.containerId(pid)).isEmpty();
        assertThat(proc.sockets(pid)).isSameAs(SocketTable.empty());
        assertThat(proc.tasks(pid)).isEmpty();
        assertThat(proc.processOwner(pid)).isEmpty();
        assertThat(proc.stat(-1)).isEmpty();
    }
}
