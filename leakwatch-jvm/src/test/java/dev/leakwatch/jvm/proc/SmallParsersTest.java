package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** status, limits, cmdline and passwd parsers on recorded files. */
class SmallParsersTest {

    @Test
    void statusGivesMemoryInBytesAndTheRealUid() {
        Map<String, String> status = StatusParser.parse(Fixture.read("proc/9058/status"));

        assertThat(StatusParser.bytes(status, "VmRSS")).hasValue(43352L * 1024);
        assertThat(StatusParser.bytes(status, "VmHWM")).hasValue(43352L * 1024);
        assertThat(StatusParser.first(status, "Uid")).hasValue(0);
        assertThat(StatusParser.first(status, "Threads")).hasValue(20);
        assertThat(StatusParser.first(StatusParser.parse(Fixture.read("proc/9402/status")), "Uid")).hasValue(65534);
    }

    @Test
    void kernelThreadsHaveNoMemoryLines() {
        Map<String, String> status = StatusParser.parse(Fixture.read("proc/2/status"));

        assertThat(StatusParser.bytes(status, "VmRSS")).isEmpty();
        assertThat(status).containsEntry("Name", "kthreadd");
    }

    @Test
    void malformedStatusValuesReadAsAbsent() {
        Map<String, String> status = StatusParser.parse("VmRSS:\tlots kB\nUid:\t\nno colon here\nVmHWM: 99999999999999999 kB");

        assertThat(StatusParser.bytes(status, "VmRSS")).isEmpty();
        assertThat(StatusParser.first(status, "Uid")).isEmpty();
        assertThat(StatusParser.bytes(status, "VmHWM")).as("overflow").isEmpty();
    }

    @Test
    void limitsGiveTheSoftOpenFilesLimit() {
        assertThat(LimitsParser.maxOpenFiles(Fixture.read("proc/9058/limits"))).hasValue(20000);
        assertThat(LimitsParser.maxOpenFiles(Fixture.read("proc/9058/limits").replace(
                "Max open files            20000                20000", "Max open files            1024                 524288")))
                .hasValue(1024);
        assertThat(LimitsParser.maxOpenFiles("Max open files            unlimited            unlimited            files"))
                .isEmpty();
        assertThat(LimitsParser.maxOpenFiles("")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void commandLinesJoinArgumentsOrFallBackToTheName() {
        byte[] jvm = Fixture.read("proc/9058/cmdline").getBytes(StandardCharsets.UTF_8);

        assertThat(CmdlineParser.commandLine(jvm, "java")).isEqualTo("java -Xmx64m -cp out FdTarget");
        assertThat(CmdlineParser.commandLine(new byte[0], "kthreadd")).isEqualTo("[kthreadd]");
        assertThat(CmdlineParser.commandLine("nginx: worker process".getBytes(StandardCharsets.UTF_8), "nginx"))
                .isEqualTo("nginx: worker process");
        assertThat(CmdlineParser.commandLine("a\0\0b\0".getBytes(StandardCharsets.UTF_8), "x")).isEqualTo("a b");
    }

    @Test
    void passwdNamesUids() {
        String passwd = Fixture.read("etc/passwd");

        assertThat(PasswdParser.userName(passwd, 65534)).hasValue("nobody");
        assertThat(PasswdParser.userName(passwd, 0)).hasValue("root");
        assertThat(PasswdParser.userName(passwd, 4711)).isEqualTo(Optional.empty());
        assertThat(PasswdParser.userName("broken\n:x:7:7\nok:x:7:7::/:/bin/sh", 7)).hasValue("ok");
    }

    @Test
    void bootTimeComesFromProcStat() {
        assertThat(ProcFs.bootTime(Fixture.read("proc/stat"))).hasValue(1795782988L);
        assertThat(ProcFs.bootTime("cpu 1 2 3\n")).isEmpty();
    }
}
