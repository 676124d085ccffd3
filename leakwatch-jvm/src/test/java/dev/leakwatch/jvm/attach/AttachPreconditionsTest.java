package dev.leakwatch.jvm.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.jvm.attach.AttachRefusedException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachPreconditionsTest {

    @TempDir
    Path dir;

    @Test
    void aRunningJvmOfOurUserMayBeAttachedTo() {
        ProcTree tree = new ProcTree(dir).self(0).process(100, "jvm");

        assertThatCode(() -> Attacher.checkPreconditions(tree.facts(100))).doesNotThrowAnyException();
    }

    @Test
    void aMissingProcessIsRefused() {
        ProcTree tree = new ProcTree(dir).self(0);

        assertRefused(tree.facts(4242), Reason.NO_SUCH_PROCESS, "no process with pid 4242");
    }

    @Test
    void aNonJvmIsRefusedBecauseTheSignalWouldKillIt() {
        ProcTree tree = new ProcTree(dir).self(0).process(101, "sleep");

        assertRefused(tree.facts(101), Reason.NOT_HOTSPOT, "not a HotSpot JVM");
    }

    @Test
    void anotherUsersJvmIsRefusedUnlessWeAreRoot() {
        ProcTree asUser = new ProcTree(dir.resolve("a")).self(1000).process(100, "jvm")
                .statusField("100", "Uid", "1001\t1001\t1001\t1001");
        assertRefused(asUser.facts(100), Reason.OTHER_USER, "runs as uid 1001 and leakwatch as uid 1000");

        ProcTree asRoot = new ProcTree(dir.resolve("b")).self(0).process(100, "jvm")
                .statusField("100", "Uid", "1001\t1001\t1001\t1001");
        assertThatCode(() -> Attacher.checkPreconditions(asRoot.facts(100))).doesNotThrowAnyException();
    }

    @Test
    void aJvmInAnotherNetworkNamespaceIsRefusedBecauseItsLoopbackIsNotOurs() throws Exception {
        ProcTree tree = new ProcTree(dir).self(0).process(100, "jvm");
        Files.createDirectories(tree.proc.resolve("self/ns"));
        Files.createDirectories(tree.proc.resolve("100/ns"));
        Files.createSymbolicLink(tree.proc.resolve("self/ns/net"), Path.of("net:[4026531840]"));
        Files.createSymbolicLink(tree.proc.resolve("100/ns/net"), Path.of("net:[4026532301]"));

        assertRefused(tree.facts(100), Reason.OTHER_NETWORK_NAMESPACE, "another network namespace");

        Files.delete(tree.proc.resolve("100/ns/net"));
        Files.createSymbolicLink(tree.proc.resolve("100/ns/net"), Path.of("net:[4026531840]"));
        assertThatCode(() -> Attacher.checkPreconditions(tree.facts(100))).doesNotThrowAnyException();
    }

    @Test
    void disabledAttachIsRefusedWhetherOnTheCommandLineOrInTheEnvironment() {
        ProcTree onCommandLine = new ProcTree(dir.resolve("a")).self(0).process(100, "jvm")
                .write("100/cmdline", "java\0-XX:+DisableAttachMechanism\0-jar\0app.jar\0");
        assertRefused(onCommandLine.facts(100), Reason.ATTACH_DISABLED, "-XX:+DisableAttachMechanism");

        ProcTree inEnvironment = new ProcTree(dir.resolve("b")).self(0).process(100, "jvm")
                .write("100/environ", "HOME=/root\0JAVA_TOOL_OPTIONS=-Xmx1g -XX:+DisableAttachMechanism\0");
        assertRefused(inEnvironment.facts(100), Reason.ATTACH_DISABLED, "-XX:+DisableAttachMechanism");
    }

    @Test
    void theLastAttachSettingWins() {
        ProcTree tree = new ProcTree(dir).self(0).process(100, "jvm")
                .write("100/environ", "JAVA_TOOL_OPTIONS=-XX:+DisableAttachMechanism\0")
                .write("100/cmdline", "java\0-XX:-DisableAttachMechanism\0-jar\0app.jar\0");

        assertThatCode(() -> Attacher.checkPreconditions(tree.facts(100))).doesNotThrowAnyException();
    }

    @Test
    void aJvmThatDoesNotHandleSigquitIsRefusedUntilItsAttachListenerIsUp() {
        // Recorded from a JVM started with -Xrs: SigCgt lacks SIGQUIT.
        ProcTree tree = new ProcTree(dir).self(0).process(103, "xrs").write("103/maps", "x /opt/jdk/lib/server/libjvm.so\n");
        assertRefused(tree.facts(103), Reason.SIGNAL_NOT_HANDLED, "does not handle SIGQUIT");

        tree.writeTmp(".java_pid103", "");
        assertThatCode(() -> Attacher.checkPreconditions(tree.facts(103))).doesNotThrowAnyException();
    }

    @Test
    void namespacePidIsTheInnermostOne() {
        ProcTree tree = new ProcTree(dir).process(4567, "jvm").statusField("4567", "NSpid", "4567\t812\t1");

        assertThat(tree.facts(4567).namespacePid()).isEqualTo(1);
        assertThat(new ProcTree(dir.resolve("b")).process(100, "jvm").statusField("100", "NSpid", "")
                .facts(100).namespacePid()).isEqualTo(100);
    }

    private static void assertRefused(ProcessFacts facts, Reason reason, String message) {
        assertThatThrownBy(() -> Attacher.checkPreconditions(facts))
                .isInstanceOfSatisfying(AttachRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
