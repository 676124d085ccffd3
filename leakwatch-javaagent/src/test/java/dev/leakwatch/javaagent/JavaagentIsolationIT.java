package dev.leakwatch.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.jvm.profile.GoPprof;
import dev.leakwatch.javaagent.apps.DemoApp;
import dev.leakwatch.javaagent.apps.LibrariesApp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a guest: it leaves the application's libraries alone, starts nothing but its
 * listener, lets the JVM exit, refuses unsafe settings, and fits in a small jar.
 */
class JavaagentIsolationIT {
    private static final String APP = DemoApp.class.getName();
    private static final long MAX_JAR_BYTES = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    private AgentApp app;
    private AgentApp other;

    @AfterEach
    void stopApps() {
        if (app != null) {
            app.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void theJarHoldsOnlyRelocatedClassesAndIsSmall() throws IOException {
        long size = Files.size(AgentApp.AGENT_JAR);
        System.out.println("leakwatch-javaagent.jar: " + size + " bytes");
        try (JarFile jar = new JarFile(AgentApp.AGENT_JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/")).toList();
            assertThat(names).allSatisfy(n -> assertThat(n).matches("META-INF/MANIFEST\\.MF|dev/leakwatch/javaagent/.*"));
            assertThat(names).contains("dev/leakwatch/javaagent/shaded/protobuf/GeneratedMessage.class");
            assertThat(names).noneMatch(n -> n.contains("jackson") || n.contains("picocli"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.leakwatch.javaagent.Agent");
        }
        assertThat(size).isLessThan(MAX_JAR_BYTES);
    }

    @Test
    void anApplicationWithItsOwnOlderJacksonAndProtobufKeepsThem() throws Exception {
        List<Path> libs;
        try (Stream<Path> jars = Files.list(Path.of("target", "app-libs"))) {
            libs = jars.map(Path::toAbsolutePath).toList();
        }
        app = AgentApp.start(dir, "port=0", libs, List.of(), LibrariesApp.class.getName());

        assertThat(app.stdout()).contains("jackson=2.13.5", "json={\"a\":1}", "size=5", "protobuf4-runtime-visible=false");
        assertThat(app.stdout()).containsPattern("protobuf=file:.*protobuf-java-3\\.25\\.5\\.jar");
        Path heap = app.download("/debug/pprof/heap?seconds=1&gc=1", dir.resolve("heap.pb.gz"));
        Path threads = app.download("/debug/pprof/goroutine", dir.resolve("goroutine.pb.gz"));
        assertThat(GoPprof.top(heap)).contains("Type: inuse_space");
        assertThat(GoPprof.raw(threads).samples()).isNotEmpty();
        assertThat(app.process().isAlive()).isTrue();
    }

    @Test
    void atRestTheAgentAddsOnlyItsAcceptThreadAndAllItsThreadsAreNamedDaemons() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "idle");
        other = AgentApp.start(dir, null, APP, "idle");

        Map<String, Boolean> with = threads(app.pid());
        Map<String, Boolean> without = threads(other.pid());
        Map<String, Boolean> added = new HashMap<>(with);
        added.keySet().removeAll(without.keySet());

        assertThat(added).as("threads the agent adds at rest").hasSize(1)
                .containsKey("leakwatch-javaagent-accept")
                .allSatisfy((name, daemon) -> {
                    assertThat(name).startsWith("leakwatch-javaagent-");
                    assertThat(daemon).as(name).isTrue();
                });
        assertThat(with.keySet()).noneMatch(n -> n.startsWith("JFR"));

        app.download("/debug/pprof/goroutine", dir.resolve("goroutine.pb.gz"));
        Map<String, Boolean> afterRequest = threads(app.pid());
        assertThat(afterRequest).hasKeySatisfying(new org.assertj.core.api.Condition<>(
                n -> n.startsWith("leakwatch-javaagent-conn-"), "a connection thread"));
        afterRequest.forEach((name, daemon) -> {
            if (name.startsWith("leakwatch-")) {
                assertThat(daemon).as(name).isTrue();
            }
        });
        assertThat(afterRequest.keySet()).doesNotContain("HTTP-Dispatcher", "server-timer", "idle-timeout-task");
    }

    @Test
    void theJvmExitsWhenTheApplicationIsDone() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "exit");

        assertThat(app.process().waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(app.process().exitValue()).isZero();
        assertThat(app.stderr()).contains("serving /debug/pprof/").doesNotContain("Exception");
    }

    @Test
    void anyOtherAddressThanLoopbackWithoutATokenIsRefusedAndTheApplicationRunsOn() throws Exception {
        app = AgentApp.start(dir, "host=0.0.0.0,port=0", APP, "idle");

        assertThat(app.stderr()).contains("leakwatch-javaagent: not started", "without a token");
        assertThat(app.stdout()).contains(DemoApp.READY);
        assertThat(app.process().isAlive()).isTrue();
    }

    @Test
    void badOptionsAreReportedAndTheApplicationRunsOn() throws Exception {
        app = AgentApp.start(dir, "port=0,colour=blue", APP, "idle");

        assertThat(app.stderr()).contains("not started: unknown option 'colour'");
        assertThat(app.process().isAlive()).isTrue();
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        app = AgentApp.start(dir, "port=0,token=t0ken-for-this-test", APP, "idle");

        assertThat(app.get("/debug/pprof/cmdline", null).statusCode()).isEqualTo(401);
        assertThat(app.get("/debug/pprof/cmdline", "wrong").statusCode()).isEqualTo(401);
        String cmdline = new String(app.get("/debug/pprof/cmdline", "t0ken-for-this-test").body(), StandardCharsets.UTF_8);
        assertThat(cmdline).contains(APP + "\0idle");
        assertThat(app.stderr()).doesNotContain("t0ken-for-this-test");
    }

    @Test
    void heapDumpsAreOffUnlessEnabled() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "idle");
        assertThat(app.get("/debug/heapdump", null).statusCode()).isEqualTo(404);
        app.close();

        app = AgentApp.start(dir, "port=0,heapdump=true", APP, "idle");
        byte[] dump = app.get("/debug/heapdump", null).body();
        assertThat(new String(dump, 0, 18, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
    }

    @Test
    void closingTheListenerAtExitFreesThePort() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "idle");
        int port = app.port();
        app.close();

        assertThat(app.process().isAlive()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(ConnectException.class);
    }

    /** Thread names and whether each is a daemon, from {@code jcmd <pid> Thread.print}. */
    private static Map<String, Boolean> threads(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, Boolean> threads = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("\"")) {
                int end = line.indexOf('"', 1);
                String name = line.substring(1, end);
                threads.put(name, line.substring(end).contains(" daemon "));
            }
        }
        return threads;
    }
}
