package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoParserTest {

    @Test
    void recordedMountsIncludeBothCgroupVersions() {
        List<MountInfoParser.Mount> mounts = MountInfoParser.parse(Fixture.read("proc/self/mountinfo"));

        assertThat(mounts).contains(
                new MountInfoParser.Mount("/", "/sys/fs/cgroup/memory", "cgroup", List.of("rw", "memory")),
                new MountInfoParser.Mount("/", "/sys/fs/cgroup/unified", "cgroup2", List.of("rw")));
    }

    @Test
    void optionalFieldsAndEscapesAreHandled() {
        String line = "3055 3041 0:31 /docker/abc /sys/fs/cgroup/memory rw,nosuid shared:12 master:3 - cgroup cgroup "
                + "rw,memory\n"
                + "99 1 8:1 /data /mnt/my\\040disk rw - ext4 /dev/sda1 rw\n"
                + "short line\n";

        assertThat(MountInfoParser.parse(line)).containsExactly(
                new MountInfoParser.Mount("/docker/abc", "/sys/fs/cgroup/memory", "cgroup", List.of("rw", "memory")),
                new MountInfoParser.Mount("/data", "/mnt/my disk", "ext4", List.of("rw")));
    }

    @Test
    void unescapeLeavesIncompleteEscapes() {
        assertThat(MountInfoParser.unescape("a\\134b\\04")).isEqualTo("a\\b\\04");
        assertThat(MountInfoParser.unescape("a\\9zz")).isEqualTo("a\\9zz");
    }
}
