package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leakwatch.agent.collect.JvmCollector;
import dev.leakwatch.agent.collect.RecordingSink;
import dev.leakwatch.jvm.attach.AttachRefusedException;
import dev.leakwatch.jvm.attach.AttachRefusedException.Reason;
import dev.leakwatch.jvm.attach.JvmConnection;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.proc.ProcFs;
import dev.leakwatch.jvm.profile.HeapDump;
import dev.leakwatch.jvm.profile.ProfileTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * JVMs the agent watches from the host although they are isolated from it: in their own pid and
 * mount namespaces with a private {@code /tmp} (as in a container), and running as another user.
 * Needs root, as the agent does to see them; fails (does not skip) without {@code unshare}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherNamespacesIT {

    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final String CONTAINER_ID = "8d2f5c1e0b9a47d6c3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0";
    private static final int NOBODY = 65534;
    private static final long MIB = 1024 * 1024;
    private static final String IDLE_TARGET = "process=\"dev.leakwatch.jvm.attach.testapps.IdleTarget\"";

    private final List<IsolatedJvm> started = Collections.synchronizedList(new ArrayList<>());
    private IsolatedJvm jdk17InNamespaces;
    private IsolatedJvm otherUser;
    private IsolatedJvm ownNetwork;
    private Optional<IsolatedJvm> jdk25InNamespaces;
    private Optional<Path> containerCgroup;

    @BeforeAll
    void startJvms() {
        Path ownJdk = Path.of(System.getProperty("java.home"));
        jdk17InNamespaces = track(IsolatedJvm.inNewNamespaces(ownJdk));
        jdk25InNamespaces = Files.isExecutable(JDK_25.resolve("bin/java"))
                ? Optional.of(track(IsolatedJvm.inNewNamespaces(JDK_25))) : Optional.empty();
        otherUser = track(IsolatedJvm.asUser(ownJdk, NOBODY, NOBODY));
        ownNetwork = track(IsolatedJvm.inNewNamespacesWithOwnNetwork(ownJdk));
        containerCgroup = jdk17InNamespaces.moveToCgroup("docker-" + CONTAINER_ID + ".scope");
    }

    private IsolatedJvm track(IsolatedJvm jvm) {
        started.add(jvm);
        return jvm;
    }

    @AfterAll
    void stopJvms() {
        started.forEach(IsolatedJvm::stop);
    }

    Stream<IsolatedJvm> namespacedJvms() {
        return Stream.concat(Stream.of(jdk17InNamespaces), jdk25InNamespaces.stream());
    }

    @ParameterizedTest
    @MethodSource("namespacedJvms")
    void discoveryFindsTheJvmThroughItsRootAndReportsTheHostPid(IsolatedJvm jvm) {
        assertThat(jvm.namespacePid()).isNotEqualTo(jvm.hostPid());

        Optional<LocalJvm> found = JvmDiscovery.system().list().stream().filter(j -> j.pid() == jvm.hostPid()).findFirst();

        Path expected = Path.of("/proc", Long.toString(jvm.hostPid()), "root", "tmp", "hsperfdata_root",
                Long.toString(jvm.namespacePid()));
        assertThat(found).hasValueSatisfying(j -> {
            assertThat(j.namespacePid()).isEqualTo(jvm.namespacePid());
            assertThat(j.otherMountNamespace()).isTrue();
            assertThat(j.perfDataFile()).isEqualTo(expected);
        });
        assertThat(Path.of("/tmp/hsperfdata_root", Long.toString(jvm.hostPid()))).doesNotExist();
        assertThat(JvmDiscovery.system().find(jvm.hostPid())).isEqualTo(found);
    }

    @ParameterizedTest
    @MethodSource("namespacedJvms")
    void collectorExportsTheJvmUnderItsHostPid(IsolatedJvm jvm) {
        jvm.command("gc"); // a full collection, so that the old generation after GC is known

        Map<String, Double> values = collect();

        assertThat(series(values, "jvm_memory_max_bytes", jvm)).filteredOn(key -> !key.contains("pool="))
                .singleElement().satisfies(key -> assertThat(values.get(key)).isEqualTo(32.0 * MIB));
        assertThat(series(values, "jvm_memory_old_gen_after_gc_bytes", jvm)).hasSize(1);
        assertThat(series(values, "jvm_threads_live", jvm)).singleElement()
                .satisfies(key -> assertThat(values.get(key)).isPositive())
                .asString().contains(IDLE_TARGET);
    }

    @Test
    void seriesCarryTheContainerIdOfTheJvmsCgroup() {
        Assumptions.assumeTrue(containerCgroup.isPresent(),
                "no writable cgroup2 hierarchy to place the JVM in a container-like cgroup");

        assertThat(collect()).containsKey("jvm_threads_live{container=\"" + CONTAINER_ID + "\",pid=\""
                + jdk17InNamespaces.hostPid() + "\"," + IDLE_TARGET + "}");
    }

    @ParameterizedTest
    @MethodSource("namespacedJvms")
    void psListsTheJvmWithItsHeapMax(IsolatedJvm jvm) throws Exception {
        JsonNode row = psRow(jvm.hostPid()).orElseThrow(() -> new AssertionError("ps does not list " + jvm.hostPid()));

        assertThat(row.get("jvm").get("heapMaxBytes").asLong()).isEqualTo(32 * MIB);
    }

    @ParameterizedTest
    @MethodSource("namespacedJvms")
    void attachWorksAcrossTheNamespaces(IsolatedJvm jvm) throws Exception {
        try (JvmConnection connection = JvmConnection.open(jvm.hostPid())) {
            assertThat(connection.info().inputArguments()).contains("-Xmx32m");
            assertThat(connection.readMemory().heapUsed()).isPositive();
            assertThat(connection.diagnosticCommand("Thread.print")).contains("\"main\"");
            assertThat(connection.info().command()).startsWith("dev.leakwatch.jvm.attach.testapps.IdleTarget");
        }
    }

    /** The target writes the dump in its own /tmp, which we read through its root (ours would be invisible to it). */
    @ParameterizedTest
    @MethodSource("namespacedJvms")
    void heapDumpCrossesTheNamespaces(IsolatedJvm jvm) throws Exception {
        assertIsAHeapDump(jvm);
    }

    /**
     * Its counters still come through its root; attaching is refused before the JVM is signalled, as
     * the JMX connector it would start listens on its own loopback ({@code diagnose} then gives the
     * /proc verdicts only).
     */
    @Test
    void aJvmWithItsOwnNetworkIsCollectedButNotAttached() {
        assertThat(series(collect(), "jvm_threads_live", ownNetwork)).hasSize(1);

        assertThatThrownBy(() -> JvmConnection.open(ownNetwork.hostPid()))
                .isInstanceOfSatisfying(AttachRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_NETWORK_NAMESPACE))
                .hasMessageContaining("another network namespace");
        assertThat(Path.of("/proc", Long.toString(ownNetwork.hostPid()), "root", "tmp",
                ".java_pid" + ownNetwork.namespacePid())).doesNotExist();
    }

    @Test
    void anotherUsersJvmIsCollectedListedAndAttached() throws Exception {
        long pid = otherUser.hostPid();
        assertThat(Path.of("/tmp/hsperfdata_nobody", Long.toString(pid))).isRegularFile();

        assertThat(collect()).containsKey("jvm_threads_live{pid=\"" + pid + "\"," + IDLE_TARGET + "}");
        assertThat(psRow(pid)).hasValueSatisfying(row -> assertThat(row.get("user").asText()).isEqualTo("nobody"));
        try (JvmConnection connection = JvmConnection.open(pid)) {
            assertThat(connection.info().inputArguments()).contains("-Xmx32m");
            assertThat(connection.readMemory().heapUsed()).isPositive();
        }
        assertIsAHeapDump(otherUser); // written by the target as its user, in a place we can read as root
    }

    private static void assertIsAHeapDump(IsolatedJvm jvm) throws Exception {
        try (ProfileTarget target = ProfileTarget.of(jvm.hostPid()); HeapDump dump = HeapDump.take(target)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            dump.writeTo(out);
            assertThat(out.size()).isEqualTo(dump.size()).isGreaterThan(1024);
            assertThat(new String(out.toByteArray(), 0, 18, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
        }
    }

    /** The keys of a metric's series for that JVM, whatever other labels they carry. */
    private static List<String> series(Map<String, Double> values, String metric, IsolatedJvm jvm) {
        String pid = "pid=\"" + jvm.hostPid() + "\"";
        return values.keySet().stream().filter(key -> key.startsWith(metric + "{") && key.contains(pid)).toList();
    }

    private static Map<String, Double> collect() {
        RecordingSink sink = new RecordingSink();
        new JvmCollector(JvmDiscovery.system()::list, ProcFs.system()).collect(sink);
        return sink.values();
    }

    private static Optional<JsonNode> psRow(long pid) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("ps", "--format", "json", "--top", "0")).isEqualTo(Main.EXIT_OK);
        JsonNode processes = JsonMapper.builder().build().readTree(out.toString()).get("processes");
        return StreamSupport.stream(processes.spliterator(), false)
                .filter(p -> p.get("pid").asLong() == pid && p.has("jvm")).findFirst();
    }
}
