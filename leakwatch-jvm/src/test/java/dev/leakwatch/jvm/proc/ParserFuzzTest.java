package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of every recorded fixture file through its parser: only {@link StatParser} may throw, and only
 * {@link IllegalArgumentException}; the others are lenient by design.
 */
class ParserFuzzTest {

    private static final int ROUNDS = 400;
    private static final String NOISE = "()[]:/ \t\n0123456789abcdefABCDEF-_.@*\u00e9\u0000\\";

    private final Random random = new Random(2024);

    private String mutate(String text) {
        String result = text;
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            if (result.isEmpty()) {
                return String.valueOf(noise());
            }
            int at = random.nextInt(result.length());
            switch (random.nextInt(6)) {
                case 0 -> result = result.substring(0, at) + result.substring(at + 1);
                case 1 -> result = result.substring(0, at) + noise() + result.substring(at);
                case 2 -> result = result.substring(0, at) + noise() + result.substring(at + 1);
                case 3 -> result = result.substring(0, at);
                case 4 -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(result.split("\n", -1)));
                    lines.remove(random.nextInt(lines.size()));
                    result = String.join("\n", lines);
                }
                default -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(result.split("\n", -1)));
                    int line = random.nextInt(lines.size());
                    lines.add(line, lines.get(random.nextInt(lines.size())));
                    result = String.join("\n", lines);
                }
            }
        }
        return result;
    }

    private char noise() {
        return NOISE.charAt(random.nextInt(NOISE.length()));
    }

    private void fuzz(String fixtureFile, Consumer<String> parser) {
        String recorded = Fixture.read(fixtureFile);
        for (int i = 0; i < ROUNDS; i++) {
            parser.accept(mutate(recorded));
        }
    }

    @Test
    void statThrowsOnlyIllegalArgument() {
        int rejected = 0;
        for (String file : List.of("proc/9058/stat", "proc/2/stat", "proc/9058/task/9080/stat")) {
            String recorded = Fixture.read(file).strip();
            for (int i = 0; i < ROUNDS; i++) {
                try {
                    StatParser.parse(mutate(recorded));
                } catch (IllegalArgumentException documented) {
                    assertThat(documented.getMessage()).isNotBlank();
                    rejected++;
                }
            }
        }
        assertThat(rejected).as("some mutations must break the line").isPositive();
    }

    @Test
    void lenientParsersNeverThrow() {
        fuzz("proc/9058/status", text -> {
            var status = StatusParser.parse(text);
            StatusParser.bytes(status, "VmRSS");
            StatusParser.first(status, "Uid");
        });
        fuzz("proc/9058/limits", LimitsParser::maxOpenFiles);
        fuzz("proc/9058/cmdline", text -> CmdlineParser.commandLine(text.getBytes(StandardCharsets.UTF_8), "x"));
        fuzz("proc/9058/cgroup", text -> CgroupParser.containerId(CgroupParser.parse(text)));
        fuzz("proc/9402/cgroup", text -> CgroupParser.containerId(CgroupParser.parse(text)));
        fuzz("proc/self/mountinfo", MountInfoParser::parse);
        fuzz("proc/9058/net/tcp", text -> NetTableParser.parseInet(text, "tcp", ByteOrder.LITTLE_ENDIAN));
        fuzz("proc/9058/net/tcp6", text -> NetTableParser.parseInet(text, "tcp", ByteOrder.LITTLE_ENDIAN));
        fuzz("proc/9058/net/udp", text -> NetTableParser.parseInet(text, "udp", ByteOrder.BIG_ENDIAN));
        fuzz("proc/9058/net/unix", NetTableParser::parseUnix);
        fuzz("etc/passwd", text -> PasswdParser.userName(text, 65534));
        fuzz("proc/stat", ProcFs::bootTime);
        fuzz("sys/fs/cgroup/memory/docker/memory.limit_in_bytes", CgroupMemoryLimit::parseLimit);
    }

    @Test
    void cgroupLimitResolutionNeverThrowsOnMutatedInputs() {
        CgroupMemoryLimit limits = new CgroupMemoryLimit(Fixture.ROOT.resolve("sys"),
                path -> java.util.Optional.empty());
        String cgroup = Fixture.read("proc/9058/cgroup") + Fixture.read("proc/9402/cgroup");
        String mountinfo = Fixture.read("proc/self/mountinfo");
        for (int i = 0; i < ROUNDS; i++) {
            limits.limit(CgroupParser.parse(mutate(cgroup)), MountInfoParser.parse(mutate(mountinfo)));
        }
    }
}
