package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.fd.FdClassifier;
import dev.leakwatch.core.fd.FdTarget;
import java.io.FileOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on this very JVM's {@code /proc/self}-equivalent: real kernel output, whatever the machine. */
class ProcFsLiveTest {

    private final ProcFs proc = ProcFs.system();
    private final long self = ProcessHandle.current().pid();

    @Test
    void statOfThisJvm() {
        ProcessStat stat = proc.stat(self).orElseThrow();

        assertThat(stat.pid()).isEqualTo(self);
        assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        assertThat(stat.commandLine()).contains("java");
        assertThat(stat.rssBytes()).isPositive();
        assertThat(stat.vmHwmBytes()).isGreaterThanOrEqualTo(stat.rssBytes());
        assertThat(stat.threads()).isGreaterThan(1);
        assertThat(stat.fdCount()).isPresent();
        assertThat(stat.fdCount().getAsInt()).isGreaterThan(2);
        assertThat(stat.cpuUserSeconds() + stat.cpuSystemSeconds()).isPositive();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        assertThat(stat.startTime().toEpochMilli()).isCloseTo(started.toEpochMilli(), within(2_000L));
        assertThat(proc.pids()).contains(self);
        assertThat(proc.processOwner(self)).hasValueSatisfying(owner -> assertThat(owner).isNotBlank());
        assertThat(proc.maxOpenFiles(self)).isPresent();
        assertThat(proc.maxOpenFiles(self).getAsLong()).isGreaterThan(stat.fdCount().getAsInt());
    }

    @Test
    void openFilesAndSocketsShowUpClassified(@TempDir Path dir) throws Exception {
        Path segment = Files.createFile(dir.resolve("segment-41.dat"));
        try (FileOutputStream file = new FileOutputStream(segment.toFile());
                ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            file.write('x');
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                assertThat(accepted.getPort()).isEqualTo(client.getLocalPort());
                FdListing listing = proc.fds(self);
                SocketTable sockets = proc.sockets(self);

                assertThat(listing.readable()).isTrue();
                assertThat(listing.fds()).extracting(FdTarget::link).contains(segment.toRealPath().toString());
                String loopback = InetAddress.getLoopbackAddress().getHostAddress();
                String port = Integer.toString(server.getLocalPort());
                assertThat(listing.fds())
                        .extracting(fd -> FdClassifier.classify(fd.link(), sockets).pattern())
                        .contains(FdClassifier.generalize(dir.toRealPath().toString()) + "/segment-*.dat")
                        .contains("tcp " + loopback + ":" + port + " LISTEN")
                        .contains("tcp " + loopback + ":* -> " + loopback + ":" + port)
                        .contains("tcp " + loopback + ":" + port + " <- " + loopback + ":*");
            }
        }
    }

    @Test
    void threadsOfThisJvmCarryTheirJavaNames() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread probe = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leakwatch-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            // the JVM names the native thread as it starts running
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> proc.tasks(self).stream().anyMatch(t -> t.name().equals("leakwatch-probe")));
            assertThat(proc.tasks(self)).hasSizeGreaterThan(1).allSatisfy(t -> assertThat(t.state()).hasSize(1));
        } finally {
            release.countDown();
            probe.join(10_000);
        }
    }

    @Test
    void cgroupAndContainerReadsAnswerForThisProcess() {
        assertThat(proc.cgroupMemoryLimit(self)).satisfiesAnyOf(
                limit -> assertThat(limit).isEmpty(),
                limit -> assertThat(limit.getAsLong()).isPositive());
        assertThat(proc.containerId(self)).satisfiesAnyOf(
                id -> assertThat(id).isEmpty(),
                id -> assertThat(id.orElseThrow()).matches("[0-9a-f]{64}"));
    }
}
