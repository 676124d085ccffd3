package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over fixture /proc and /tmp trees: host JVMs, container JVMs, stale files. */
class JvmDiscoveryTest {
    private static final String OUR_NS = "mnt:[4026531841]";
    private static final String CONTAINER_NS = "mnt:[4026532999]";

    @TempDir
    Path root;
    private Path proc;
    private Path tmp;

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        tmp = Files.createDirectories(root.resolve("tmp"));
        namespace("self", OUR_NS);
    }

    @Test
    void findsJvmsOfEveryUserInOurTmp() throws IOException {
        process(100, OUR_NS, "NSpid:\t100");
        process(400, OUR_NS, "NSpid:\t400");
        Path rootJvm = perfFile(tmp, "root", 100);
        Path bobJvm = perfFile(tmp, "bob", 400);

        assertThat(discovery().list()).containsExactly(
                new LocalJvm(100, 100, "root", rootJvm, false),
                new LocalJvm(400, 400, "bob", bobJvm, false));
    }

    @Test
    void skipsStaleFilesAndNamesThatAreNotPids() throws IOException {
        process(100, OUR_NS, "NSpid:\t100");
        perfFile(tmp, "root", 100);
        perfFile(tmp, "root", 999); // its JVM was killed: no /proc/999
        Files.createFile(tmp.resolve("hsperfdata_root").resolve("notapid"));
        Files.createDirectories(tmp.resolve("hsperfdata_root").resolve("12"));
        Files.createDirectories(tmp.resolve("unrelated")).resolve("123");

        assertThat(discovery().list()).extracting(LocalJvm::pid).containsExactly(100L);
        assertThat(discovery().find(999)).isEmpty();
    }

    @Test
    void findsAJvmInAContainerThroughItsRootWithItsNamespacePid() throws IOException {
        process(200, CONTAINER_NS, "Name:\tjava\nNSpid:\t200\t7\n");
        Path file = perfFile(proc.resolve("200").resolve("root").resolve("tmp"), "app", 7);

        LocalJvm expected = new LocalJvm(200, 7, "app", file, true);
        assertThat(discovery().list()).containsExactly(expected);
        assertThat(discovery().find(200)).contains(expected);
    }

    @Test
    void aFileInOurTmpDoesNotBelongToAProcessOfAnotherMountNamespace() throws IOException {
        process(500, CONTAINER_NS, "NSpid:\t500\t1");
        perfFile(tmp, "root", 500); // left by a dead host JVM; pid 500 is now a container process

        assertThat(discovery().list()).isEmpty();
        assertThat(discovery().find(500)).isEmpty();
    }

    @Test
    void aProcessOfAnotherNamespaceWithoutAFileIsNoJvm() throws IOException {
        process(300, CONTAINER_NS, "NSpid:\t300\t1");
        Files.createDirectories(proc.resolve("300").resolve("root").resolve("tmp").resolve("hsperfdata_app"));

        assertThat(discovery().list()).isEmpty();
    }

    @Test
    void withoutNSpidTheHostPidIsUsed() throws IOException {
        process(600, CONTAINER_NS, "Name:\tjava");
        Path file = perfFile(proc.resolve("600").resolve("root").resolve("tmp"), "root", 600);

        assertThat(discovery().find(600)).contains(new LocalJvm(600, 600, "root", file, true));
    }

    @Test
    void unreadableNamespacesCountAsOurs() throws IOException {
        Files.delete(proc.resolve("self").resolve("ns").resolve("mnt"));
        Files.createDirectories(proc.resolve("700"));
        Path file = perfFile(tmp, "root", 700);

        assertThat(discovery().list()).containsExactly(new LocalJvm(700, 700, "root", file, false));
        assertThat(discovery().find(700)).isPresent();
        assertThat(discovery().find(0)).isEmpty();
    }

    @Test
    void missingRootsFindNothing() {
        JvmDiscovery nowhere = new JvmDiscovery(root.resolve("no-proc"), root.resolve("no-tmp"));

        assertThat(nowhere.list()).isEmpty();
        assertThat(nowhere.find(1)).isEmpty();
    }

    @Test
    void readsTheCountersOfADiscoveredJvm() throws IOException {
        process(100, OUR_NS, "NSpid:\t100");
        Path file = perfFile(tmp, "root", 100);
        Files.write(file, PerfDataBuilder.recorded("jdk25-parallel"));

        LocalJvm jvm = discovery().find(100).orElseThrow();

        assertThat(jvm.readCounters().vmVersion()).contains("25.0.3+9-LTS");
        assertThat(Files.readAllBytes(file)).isEqualTo(PerfDataBuilder.recorded("jdk25-parallel")); // read-only
    }

    private JvmDiscovery discovery() {
        return new JvmDiscovery(proc, tmp);
    }

    private void process(long pid, String mountNamespace, String status) throws IOException {
        namespace(Long.toString(pid), mountNamespace);
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("status"), status);
    }

    private void namespace(String pid, String mountNamespace) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(pid).resolve("ns"));
        Files.createSymbolicLink(ns.resolve("mnt"), Path.of(mountNamespace));
    }

    private static Path perfFile(Path tmpDir, String user, long pid) throws IOException {
        Path dir = Files.createDirectories(tmpDir.resolve("hsperfdata_" + user));
        return Files.write(dir.resolve(Long.toString(pid)), new byte[] {1});
    }
}
