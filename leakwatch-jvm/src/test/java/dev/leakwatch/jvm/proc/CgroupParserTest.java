package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CgroupParserTest {

    private static final String ID = "4f3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e";

    @Test
    void recordedHybridFileHasV1AndV2Lines() {
        List<CgroupParser.Entry> entries = CgroupParser.parse(Fixture.read("proc/2/cgroup"));

        assertThat(entries).hasSize(10);
        assertThat(entries).contains(new CgroupParser.Entry(4, List.of("memory"), "/"));
        assertThat(entries).filteredOn(CgroupParser.Entry::unified).containsExactly(new CgroupParser.Entry(0, List.of(), "/"));
        assertThat(entries).anySatisfy(e -> assertThat(e.controllers()).containsExactly("name=systemd"));
        assertThat(CgroupParser.containerId(entries)).isEmpty();
    }

    @Test
    void containerIdsOfTheFixtureProcesses() {
        assertThat(CgroupParser.containerId(CgroupParser.parse(Fixture.read("proc/9058/cgroup"))))
                .hasValue(Fixture.JVM_CONTAINER);
        assertThat(CgroupParser.containerId(CgroupParser.parse(Fixture.read("proc/9402/cgroup"))))
                .hasValue(Fixture.SLEEP_CONTAINER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12:memory:/docker/" + ID,
        "0::/system.slice/docker-" + ID + ".scope",
        "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7d5c_1a2b.slice/cri-containerd-" + ID + ".scope",
        "11:memory:/kubepods/burstable/pod3b6b4f0e-7c1a-4d2e-9f8a-1b2c3d4e5f60/" + ID,
        "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod12.slice/crio-" + ID + ".scope",
        "0::/machine.slice/libpod-" + ID + ".scope/container",
        "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope/container",
        "1:name=systemd:/docker/" + ID + "\n0::/",
        // docker, cgroup v1 with the systemd driver; controllers mounted together
        "1:name=systemd:/system.slice/docker-" + ID + ".scope",
        "3:cpu,cpuacct:/docker/" + ID,
        // kubelet with the cgroupfs driver on cgroup v2 (containerd, cri-o)
        "0::/kubepods/besteffort/pod0c8f3d2e-5a4b-4c3d-8e2f-1a0b9c8d7e6f/" + ID,
        // podman on cgroup v1
        "10:memory:/machine.slice/libpod-" + ID + ".scope",
        // Amazon ECS: /ecs/<task id>/<container id>
        "0::/ecs/5a0d5ceddf6c44c1928d367a815d890f/" + ID,
        "9:perf_event:/ecs/5a0d5ceddf6c44c1928d367a815d890f/" + ID,
        // read from a pod that has its own cgroup namespace: the path climbs out of its root
        "0::/../../kubepods.slice/kubepods-pod1.slice/cri-containerd-" + ID + ".scope",
        // docker in docker: the innermost container is the process's own
        "0::/docker/0000000000000000000000000000000000000000000000000000000000000000/docker/" + ID
    })
    void containerIdsOfEveryRuntime(String cgroup) {
        assertThat(CgroupParser.containerId(CgroupParser.parse(cgroup))).hasValue(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0::/",
        "0::/user.slice/user-1000.slice/session-3.scope",
        "0::/machine.slice/libpod-conmon-" + ID + ".scope",
        "0::/kubepods.slice/crio-conmon-" + ID + ".scope",
        "4:memory:/process_api/04005d6262f3b977aa922c075570f9ba",
        "0::/docker/" + ID + "0",
        "0::/docker/x" + ID,
        "garbage"
    })
    void noContainerId(String cgroup) {
        assertThat(CgroupParser.containerId(CgroupParser.parse(cgroup))).isEmpty();
    }

    @Test
    void malformedLinesAreSkipped() {
        assertThat(CgroupParser.parse("x:memory:/a\n3:cpu\n4:memory:/b\n5::relative"))
                .containsExactly(new CgroupParser.Entry(4, List.of("memory"), "/b"));
    }
}
