package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** Both recorders: an incomplete dump is taken again, earlier dumps are deleted, nothing stays running. */
class JfrRecordersIT {
    private static final Map<String, String> CPU = new CpuRecipe().settings();

    @Test
    void inProcessRecorderDumpsAgainWhileTheCheckFindsTheDumpIncomplete() throws Exception {
        assertRedumps(new InProcessJfrRecorder());
    }

    @Test
    void mbeanRecorderDumpsAgainWhileTheCheckFindsTheDumpIncomplete() throws Exception {
        assertRedumps(new MBeanJfrRecorder(ManagementFactory.getPlatformMBeanServer()));
    }

    private static void assertRedumps(JfrRecorder recorder) throws Exception {
        List<Path> judged = new ArrayList<>();
        JfrRequest request = JfrRequest.ofSettings("test", CPU, Duration.ofSeconds(1))
                .check(file -> {
                    judged.add(file);
                    return judged.size() == 2;
                });

        Path file = recorder.record(request);
        try {
            assertThat(judged).hasSize(2);
            assertThat(judged.get(1)).isEqualTo(file);
            assertThat(Files.size(file)).isPositive();
            if (!judged.get(0).equals(file)) {
                assertThat(judged.get(0)).doesNotExist();
            }
            assertThat(FlightRecorder.getFlightRecorder().getRecordings())
                    .extracting(Recording::getName).noneMatch(n -> n.contains("leakwatch-"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aCheckThatNeverPassesStopsAfterTheMaximumOfDumps() throws Exception {
        List<Path> judged = new ArrayList<>();
        Path file = new InProcessJfrRecorder().record(JfrRequest.ofSettings("test", CPU, Duration.ofSeconds(1))
                .check(f -> judged.add(f) && false));
        Files.delete(file);

        assertThat(judged).hasSize(JfrRequest.MAX_DUMPS);
    }
}
