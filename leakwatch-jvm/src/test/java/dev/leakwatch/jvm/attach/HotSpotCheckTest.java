package dev.leakwatch.jvm.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotSpotCheckTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWithLibjvmMappedIsHotSpot() {
        ProcTree tree = new ProcTree(dir).process(100, "jvm");

        assertThat(tree.hotSpotCheck().check(100)).isTrue();
    }

    @Test
    void aShellCommandIsNotHotSpot() {
        ProcTree tree = new ProcTree(dir).process(101, "sleep");

        assertThat(tree.hotSpotCheck().check(101)).isFalse();
    }

    @Test
    void aMissingProcessIsNotHotSpot() {
        assertThat(new ProcTree(dir).hotSpotCheck().check(4242)).isFalse();
    }

    @Test
    void aLeftoverHsperfdataFileDoesNotMakeAReusedPidHotSpot() {
        ProcTree tree = new ProcTree(dir).process(101, "sleep").writeTmp("hsperfdata_root/101", "stale");

        assertThat(tree.hotSpotCheck().check(101)).isFalse();
    }

    @Test
    void withoutReadableMapsTheHsperfdataFileDecides() {
        ProcTree tree = new ProcTree(dir).process(100, "jvm").delete("100/maps");
        assertThat(tree.hotSpotCheck().check(100)).isFalse();

        tree.writeTmp("hsperfdata_app/100", "perf");
        assertThat(tree.hotSpotCheck().check(100)).isTrue();
    }

    @Test
    void aContainerJvmIsFoundUnderItsNamespacePidThroughItsRoot() {
        ProcTree tree = new ProcTree(dir).process(4567, "jvm").delete("4567/maps")
                .statusField("4567", "NSpid", "4567\t1")
                .writeTmp("hsperfdata_root/1", "not this one: our /tmp, another process's pid 1");
        assertThat(tree.hotSpotCheck().check(4567)).isFalse();

        tree.write("4567/root/tmp/hsperfdata_app/1", "perf");
        assertThat(tree.hotSpotCheck().check(4567)).isTrue();
    }

    @Test
    void aLibjvmReplacedUnderTheRunningJvmStillCounts() {
        ProcTree tree = new ProcTree(dir).process(102, "sleep").write("102/maps",
                "7fa539000000-7fa539251000 r--p 00000000 fe:00 328261  /opt/jdk/lib/server/libjvm.so (deleted)\n");

        assertThat(tree.hotSpotCheck().check(102)).isTrue();
    }
}
