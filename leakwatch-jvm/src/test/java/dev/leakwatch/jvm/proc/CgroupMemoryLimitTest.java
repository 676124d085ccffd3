package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupMemoryLimitTest {

    private static final Path SYS = Path.of("/fixture/sys");
    private final Map<Path, String> files = new HashMap<>();
    private final CgroupMemoryLimit limits = new CgroupMemoryLimit(SYS, path -> Optional.ofNullable(files.get(path)));

    private void write(String relative, String content) {
        files.put(SYS.resolve(relative), content + "\n");
    }

    @Test
    void v1TakesTheSmallestLimitUpToTheMountPoint() {
        List<MountInfoParser.Mount> mounts = List.of(
                new MountInfoParser.Mount("/", "/sys/fs/cgroup/memory", "cgroup", List.of("rw", "memory")));
        write("fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712");
        write("fs/cgroup/memory/app/memory.limit_in_bytes", "1073741824");
        write("fs/cgroup/memory/app/worker/memory.limit_in_bytes", "9223372036854771712");

        assertThat(limits.limit(CgroupParser.parse("4:memory:/app/worker"), mounts)).hasValue(1073741824);
        assertThat(limits.limit(CgroupParser.parse("4:memory:/"), mounts)).isEmpty();
    }

    @Test
    void insideAContainerTheMountRootIsTheContainersCgroup() {
        List<MountInfoParser.Mount> mounts = List.of(
                new MountInfoParser.Mount("/docker/abc", "/sys/fs/cgroup/memory", "cgroup", List.of("ro", "memory")));
        write("fs/cgroup/memory/memory.limit_in_bytes", "268435456");

        assertThat(limits.limit(CgroupParser.parse("4:memory:/docker/abc"), mounts)).hasValue(268435456);
        assertThat(limits.limit(CgroupParser.parse("4:memory:/somewhere/else"), mounts))
                .as("a cgroup outside the mounted sub-tree reads the mount point")
                .hasValue(268435456);
    }

    @Test
    void v2ReadsMemoryMaxAndMaxMeansNoLimit() {
        List<MountInfoParser.Mount> mounts = List.of(new MountInfoParser.Mount("/", "/sys/fs/cgroup", "cgroup2", List.of("rw")));
        write("fs/cgroup/kubepods.slice/memory.max", "max");
        write("fs/cgroup/kubepods.slice/pod.slice/memory.max", "536870912");

        assertThat(limits.limit(CgroupParser.parse("0::/kubepods.slice/pod.slice"), mounts)).hasValue(536870912);
        assertThat(limits.limit(CgroupParser.parse("0::/kubepods.slice"), mounts)).isEmpty();
        assertThat(limits.limit(CgroupParser.parse("0::/../../etc"), mounts)).as("stays in the hierarchy").isEmpty();
    }

    @Test
    void withoutMountinfoTheConventionalMountPointsAreUsed() {
        write("fs/cgroup/memory/app/memory.limit_in_bytes", "1000");
        write("fs/cgroup/svc/memory.max", "2000");
        write("fs/cgroup/unified/svc/memory.max", "3000");

        assertThat(limits.limit(CgroupParser.parse("4:memory:/app"), List.of())).hasValue(1000);
        assertThat(limits.limit(CgroupParser.parse("0::/svc"), List.of())).hasValue(2000);
        write("fs/cgroup/unified/cgroup.controllers", "");
        assertThat(limits.limit(CgroupParser.parse("0::/svc"), List.of())).as("hybrid host").hasValue(3000);
    }

    @Test
    void limitValues() {
        assertThat(CgroupMemoryLimit.parseLimit("268435456\n")).hasValue(268435456);
        assertThat(CgroupMemoryLimit.parseLimit("max\n")).isEmpty();
        assertThat(CgroupMemoryLimit.parseLimit("9223372036854771712")).isEmpty();
        assertThat(CgroupMemoryLimit.parseLimit("9223372036854710272")).as("64 KiB pages").isEmpty();
        assertThat(CgroupMemoryLimit.parseLimit("-1")).isEmpty();
        assertThat(CgroupMemoryLimit.parseLimit("")).isEmpty();
    }
}
